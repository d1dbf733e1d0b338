"""The {% load thai %} filters, rendered through the project's template engine (no database)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.utils.safestring import SafeData

from itaportal.templatetags import thai as filters


def render(source, **context):
    return engines["django"].from_string("{% load thai %}" + source).render(context)


def test_thai_digits_converts_every_digit():
    assert render("{{ v|thai_digits }}", v="คำสั่งที่ 777/2565") == "คำสั่งที่ ๗๗๗/๒๕๖๕"


def test_thai_date_prints_the_buddhist_era_date():
    assert render("{{ d|thai_date }}", d=date(2023, 4, 4)) == "๔ เมษายน พ.ศ. ๒๕๖๖"


def test_thai_date_short_prints_the_abbreviated_month():
    assert render("{{ d|thai_date_short }}", d=date(2022, 12, 29)) == "๒๙ ธ.ค. ๒๕๖๕"


@pytest.mark.parametrize(
    ("value", "printed"),
    [(1234, "๑,๒๓๔"), (84.5, "๘๔.๕"), (Decimal("92.30"), "๙๒.๓๐"), ("1234", "๑๒๓๔")],
)
def test_thai_number_prints_separators_and_thai_digits(value, printed):
    assert render("{{ n|thai_number }}", n=value) == printed


def test_thai_period_takes_the_end_as_its_argument():
    start, end = date(2022, 10, 1), date(2023, 3, 31)
    assert render("{{ s|thai_period:e }}", s=start, e=end) == "ต.ค. ๖๕ - มี.ค. ๖๖"


def test_thai_period_long_is_what_cover_pages_put_in_parentheses():
    start, end = date(2022, 10, 1), date(2023, 9, 30)
    assert render("({{ s|thai_period_long:e }})", s=start, e=end) == (
        "(เดือนตุลาคม ๒๕๖๕ - กันยายน ๒๕๖๖)"
    )


@pytest.mark.parametrize(("code", "printed"), [("e6", "e๖"), ("O42", "O๔๒"), ("i10", "i๑๐")])
def test_question_code_prints_the_letter_and_thai_digits(code, printed):
    assert render("{{ c|question_code }}", c=code) == printed


def test_question_code_shows_an_unreadable_code_as_it_is_instead_of_breaking_the_page():
    assert render("{{ c|question_code }}", c="ข้อ 10") == "ข้อ ๑๐"


@pytest.mark.parametrize(
    "source",
    [
        "{{ v|thai_digits }}",
        "{{ v|thai_date }}",
        "{{ v|thai_date_short }}",
        "{{ v|thai_number }}",
        "{{ v|thai_period:end }}",
        "{{ v|thai_period_long:end }}",
        "{{ v|question_code }}",
    ],
)
def test_every_filter_prints_nothing_for_none_or_a_missing_value(source):
    # (A missing filter *argument* is an error in Django itself, so the end is always given.)
    assert render(source, v=None, end=date(2023, 3, 1)) == ""
    assert render(source, end=date(2023, 3, 1)) == ""


@pytest.mark.parametrize("source", ["{{ s|thai_period:e }}", "{{ s|thai_period_long:e }}"])
def test_a_period_without_its_end_prints_nothing(source):
    assert render(source, s=date(2022, 10, 1), e=None) == ""


def test_an_aware_datetime_is_printed_as_the_local_date(settings):
    settings.USE_TZ = True
    settings.TIME_ZONE = "Asia/Bangkok"
    # 23:30 UTC on 30 Sep is 06:30 on 1 Oct in Bangkok: the first day of fiscal year 2567.
    moment = datetime(2023, 9, 30, 23, 30, tzinfo=UTC)
    assert render("{{ m|thai_date }}", m=moment) == "๑ ตุลาคม พ.ศ. ๒๕๖๖"
    assert render("{{ m|thai_date_short }}", m=moment) == "๑ ต.ค. ๒๕๖๖"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("{{ v|thai_digits }}", "<b>1</b>"),
        ("{{ v|thai_number }}", "<b>1</b>"),
        ("{{ v|question_code }}", "<b>1</b>"),
    ],
)
def test_autoescaping_still_applies_to_what_the_filters_print(source, value):
    assert render(source, v=value) == "&lt;b&gt;๑&lt;/b&gt;"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("thai_digits", ("1",)),
        ("thai_date", (date(2023, 4, 4),)),
        ("thai_date_short", (date(2023, 4, 4),)),
        ("thai_number", (1234,)),
        ("thai_period", (date(2022, 10, 1), date(2023, 3, 1))),
        ("thai_period_long", (date(2022, 10, 1), date(2023, 3, 1))),
        ("question_code", ("e6",)),
    ],
)
def test_no_filter_marks_its_output_safe(name, args):
    result = getattr(filters, name)(*args)
    assert isinstance(result, str)
    assert not isinstance(result, SafeData)


def test_a_name_breaks_between_its_words_only_and_stays_escaped():
    unbroken, unbroken_name = filters.unbroken, filters.unbroken_name
    assert unbroken("กองการศึกษา ศาสนา<b>") == (
        '<span class="unbroken">กองการศึกษา</span> <span class="unbroken">ศาสนา&lt;b&gt;</span>'
    )
    assert unbroken(None) == ""
    text = unbroken_name("ประกาศอบต.ทุ่ง & อบต.ทุ่ง", "อบต.ทุ่ง")
    assert text == (
        'ประกาศ<span class="unbroken">อบต.ทุ่ง</span> &amp; <span class="unbroken">อบต.ทุ่ง</span>'
    )
    assert render("{{ x|unbroken_name:'' }}", x="<i>") == "&lt;i&gt;"


def test_an_organisations_kind_and_place_may_break_apart_but_neither_inside():
    # A 390 px phone breaks องค์การบริหารส่วนตำบล | ทุ่งดาวเรือง, never ทุ่ง | ดาวเรือง.
    assert filters.unbroken("องค์การบริหารส่วนตำบลทุ่งดาวเรือง") == (
        '<span class="unbroken">องค์การบริหารส่วนตำบล</span><span class="unbroken">ทุ่งดาวเรือง</span>'
    )
    assert filters.unbroken("เทศบาลตำบล") == '<span class="unbroken">เทศบาลตำบล</span>'


def test_a_word_of_a_name_too_long_to_keep_whole_may_break():
    # Kept whole, it would need a fifth of a table's width (reports.columns.unbroken_width).
    assert filters.unbroken("กองสาธารณสุขและสิ่งแวดล้อม <b>") == (
        '<span class="unbroken">กองสาธารณสุขและสิ่งแวดล้อม</span> '
        '<span class="unbroken">&lt;b&gt;</span>'
    )
    assert filters.unbroken("กองส่งเสริมคุณภาพชีวิตและสวัสดิการสังคม") == (
        "กองส่งเสริมคุณภาพชีวิตและสวัสดิการสังคม"
    )


def test_a_hyphen_between_letters_never_ends_a_line_and_the_text_stays_escaped():
    text = filters.hyphens_unbroken("คุมการยืม-คืนครบ https://a.go.th/asset-register <b> ๓ - ๔")
    assert text == (
        'คุม<span class="unbroken">การยืม-คืน</span>ครบ https://a.go.th/asse'
        '<span class="unbroken">t-r</span>egister &lt;b&gt; ๓ <span class="unbroken">- ๔</span>'
    )
    assert filters.hyphens_unbroken(None) == ""


def test_a_hyphen_before_a_space_stays_with_the_word_after_it():
    # poppler drops a hyphen that ends a line: "ต.ค. ๖๕ มี.ค. ๖๖" (test_pdf_text_engines).
    assert filters.hyphens_unbroken("ต.ค. ๖๕ - มี.ค. ๖๖") == (
        'ต.ค. ๖๕ <span class="unbroken">- มี</span>.ค. ๖๖'
    )
    assert filters.hyphens_unbroken("รายงาน - ปรับปรุงเว็บไซต์") == (
        'รายงาน <span class="unbroken">- ปรับปรุง</span>เว็บไซต์'
    )


def test_a_period_breaks_only_before_its_dash():
    assert filters.unbroken_period("ต.ค. ๖๕ - มี.ค. ๖๖") == (
        '<span class="unbroken">ต.ค. ๖๕</span> <span class="unbroken">- มี.ค. ๖๖</span>'
    )
    assert filters.unbroken_period("-") == "-"  # a plan that gives no period
    assert filters.unbroken_period("<b> - x") == (
        '<span class="unbroken">&lt;b&gt;</span> <span class="unbroken">- x</span>'
    )
    assert filters.unbroken_period(None) == ""
