"""Thai formats: every example from the spec, every error message, and round trips."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itaportal.thai import (
    QUESTION_CODE_PREFIXES,
    ROUND_6,
    ROUND_12,
    ThaiFormatError,
    fiscal_year_of,
    fiscal_year_range,
    format_date,
    format_date_numeric,
    format_date_short,
    format_period,
    format_period_long,
    format_question_code,
    parse_date,
    parse_period,
    parse_question_code,
    round_range,
    rounds_of,
    thai_number,
    to_arabic_digits,
    to_thai_digits,
)

# No example database: the tests leave no .hypothesis directory behind.
property_test = settings(database=None, deadline=None)

APRIL_4_2566 = date(2023, 4, 4)
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def error_message(func, text):
    """The message of the ThaiFormatError that ``func(text)`` raises, checked to be for users."""
    with pytest.raises(ThaiFormatError) as info:
        func(text)
    message = str(info.value)
    assert re.search("[ก-๛]", message), f"not Thai: {message!r}"
    assert not re.search("[0-9]", message), f"numbers must be in Thai digits: {message!r}"
    return message


# --- digits and numbers -------------------------------------------------------------------------


def test_arabic_digits_become_thai_digits():
    assert to_thai_digits("0123456789") == THAI_DIGITS
    assert to_thai_digits("คำสั่งที่ 777/2565") == "คำสั่งที่ ๗๗๗/๒๕๖๕"


def test_any_value_is_turned_into_text_before_its_digits_are_converted():
    assert to_thai_digits(2566) == "๒๕๖๖"
    assert to_thai_digits(Decimal("84.50")) == "๘๔.๕๐"
    assert to_thai_digits(None) == ""


def test_thai_digits_become_arabic_digits():
    assert to_arabic_digits(THAI_DIGITS) == "0123456789"
    assert to_arabic_digits("ต.ค. ๖๕") == "ต.ค. 65"
    assert to_arabic_digits("") == ""


@pytest.mark.parametrize(
    ("number", "printed"),
    [
        (1234, "๑,๒๓๔"),
        (84.5, "๘๔.๕"),
        (Decimal("92.30"), "๙๒.๓๐"),
        (0, "๐"),
        (1234567, "๑,๒๓๔,๕๖๗"),
        (-1234.5, "-๑,๒๓๔.๕"),
        (Decimal("1234.50"), "๑,๒๓๔.๕๐"),
    ],
)
def test_numbers_are_printed_with_thousands_separators_in_thai_digits(number, printed):
    assert thai_number(number) == printed


def test_a_float_prints_its_shortest_form_not_binary_noise():
    assert thai_number(0.1 + 0.2) == to_thai_digits(repr(0.1 + 0.2))  # what Python prints
    assert thai_number(1e20) == "๑๐๐,๐๐๐,๐๐๐,๐๐๐,๐๐๐,๐๐๐,๐๐๐"


def test_thai_number_refuses_what_is_not_a_number():
    with pytest.raises(TypeError):
        thai_number("1234")


@property_test
@given(st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙ abcกขค/.,-"))
def test_digit_conversions_undo_each_other(text):
    assert to_arabic_digits(to_thai_digits(text)) == to_arabic_digits(text)
    assert to_thai_digits(to_arabic_digits(text)) == to_thai_digits(text)
    assert not re.search("[0-9]", to_thai_digits(text))
    assert not re.search("[๐-๙]", to_arabic_digits(text))


@property_test
@given(st.integers())
def test_an_integer_survives_thai_digits(n):
    assert int(to_arabic_digits(to_thai_digits(n))) == n
    assert int(to_arabic_digits(thai_number(n)).replace(",", "")) == n


# --- formatting dates ---------------------------------------------------------------------------


def test_a_date_is_printed_in_the_buddhist_era_with_thai_digits():
    assert format_date(APRIL_4_2566) == "๔ เมษายน พ.ศ. ๒๕๖๖"


def test_a_short_date_uses_the_abbreviated_month():
    assert format_date_short(date(2022, 12, 29)) == "๒๙ ธ.ค. ๒๕๖๕"


def test_a_numeric_date_has_no_leading_zeros():
    assert format_date_numeric(APRIL_4_2566) == "๔/๔/๒๕๖๖"


def test_a_period_prints_abbreviated_months_and_two_digit_years():
    assert format_period(date(2022, 10, 1), date(2023, 3, 31)) == "ต.ค. ๖๕ - มี.ค. ๖๖"


def test_a_period_in_a_year_ending_in_zero_keeps_two_digits():
    assert format_period(date(1962, 10, 1), date(1963, 9, 30)) == "ต.ค. ๐๕ - ก.ย. ๐๖"


def test_a_long_period_spells_out_the_months_for_cover_pages():
    assert format_period_long(date(2022, 10, 1), date(2023, 3, 31)) == "เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖"


# --- fiscal years and rounds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2022, 9, 30), 2565),  # 30 ก.ย. ๒๕๖๕: the last day of FY 2565
        (date(2022, 10, 1), 2566),  # 1 ต.ค. ๒๕๖๕: the first day of FY 2566
        (date(2022, 12, 31), 2566),
        (date(2023, 1, 1), 2566),
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
    ],
)
def test_the_fiscal_year_starts_on_the_first_of_october(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_2566_runs_from_october_2565_to_september_2566():
    assert fiscal_year_range(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_the_six_month_round_ends_on_the_thirty_first_of_march():
    assert ROUND_6 == 6
    assert round_range(2566, ROUND_6) == (date(2022, 10, 1), date(2023, 3, 31))


def test_the_twelve_month_round_is_the_whole_fiscal_year():
    assert ROUND_12 == 12
    assert round_range(2566, ROUND_12) == fiscal_year_range(2566)


@pytest.mark.parametrize("months", [0, 3, 9, 24, "6"])
def test_a_round_of_any_other_length_is_refused(months):
    with pytest.raises(ValueError):
        round_range(2566, months)


@pytest.mark.parametrize(
    ("day", "rounds"),
    [
        (date(2022, 10, 1), (6, 12)),
        (date(2023, 3, 31), (6, 12)),  # 31 มี.ค. ๒๕๖๖
        (date(2023, 4, 1), (12,)),  # 1 เม.ย. ๒๕๖๖
        (date(2023, 9, 30), (12,)),
    ],
)
def test_a_date_belongs_to_both_rounds_until_the_end_of_march(day, rounds):
    assert rounds_of(day) == rounds


@property_test
@given(st.dates(min_value=date(1943, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_lies_in_its_fiscal_year_and_in_the_rounds_it_belongs_to(day):
    fiscal_year = fiscal_year_of(day)
    start, end = fiscal_year_range(fiscal_year)
    assert start <= day <= end
    for months in (ROUND_6, ROUND_12):
        start, end = round_range(fiscal_year, months)
        assert (start <= day <= end) == (months in rounds_of(day))


# --- parsing dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "4/4/2566",
        "๔/๔/๒๕๖๖",
        "4-4-2566",
        "4.4.2566",
        "4/4/66",
        "๔ เม.ย. ๒๕๖๖",
        "4 เม.ย. 66",
        "4 เมษายน 2566",
        "วันที่ ๔ เดือน เมษายน พ.ศ. ๒๕๖๖",
        "๔ เมษายน พ.ศ.๒๕๖๖",
        "๔ เมษายน พ.ศ. ๒๕๖๖",
        "4 เม.ย 2566",
        "4 เมย 2566",
        "4 เมษา 2566",
        "04/04/2566",
        "  4/4/2566  ",
        "\t๔ เม.ย.  ๒๕๖๖\n",
        "2023-04-04",
    ],
)
def test_a_date_is_read_in_every_form_documents_and_people_use(text):
    assert parse_date(text) == APRIL_4_2566


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1 มี.ค 2566", date(2023, 3, 1)),
        ("1 มีค 2566", date(2023, 3, 1)),
        ("๒๙ ธ.ค. ๒๕๖๕", date(2022, 12, 29)),
        ("วันที่ ๒๙ ธ.ค. ๒๕๖๕", date(2022, 12, 29)),
        ("เมื่อวันที่ ๓ เดือน ตุลาคม พ.ศ.๒๕๖๕", date(2022, 10, 3)),
        ("วันที่ ๒๙ เดือนกันยายน พ.ศ.๒๕๖๕", date(2022, 9, 29)),
        ("ณ วันที่ ๔ เมษายน พ.ศ. ๒๕๖๖", APRIL_4_2566),
        ("31/12/99", date(2056, 12, 31)),
        ("1/1/00", date(1957, 1, 1)),
    ],
)
def test_dates_copied_from_real_reports_are_read(text, day):
    assert parse_date(text) == day


def test_the_twenty_ninth_of_february_exists_in_a_leap_year():
    assert parse_date("29 ก.พ. ๒๕๖๗") == date(2024, 2, 29)
    assert format_date_short(date(2024, 2, 29)) == "๒๙ ก.พ. ๒๕๖๗"


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_date_asks_for_one_with_examples(text):
    assert error_message(parse_date, text) == "กรุณากรอกวันที่ เช่น ๔/๔/๒๕๖๖ หรือ ๔ เม.ย. ๒๕๖๖"


@pytest.mark.parametrize("text", ["พรุ่งนี้", "hello", "4/4", "2566", "๔ ๔ ๒๕๖๖"])
def test_text_that_is_not_a_date_is_refused_with_the_accepted_forms(text):
    message = error_message(parse_date, text)
    assert "เป็นวันที่ไม่ได้" in message
    assert "กรุณากรอกวันที่ เช่น ๔/๔/๒๕๖๖ หรือ ๔ เม.ย. ๒๕๖๖" in message


def test_an_impossible_date_says_how_many_days_the_month_has():
    message = error_message(parse_date, "29 ก.พ. ๒๕๖๖")
    assert "ก.พ. ๒๕๖๖ มีเพียง ๒๘ วัน" in message
    assert "กรุณากรอกวันที่ ๑ ถึง ๒๘" in message


@pytest.mark.parametrize(("text", "fix"), [("31/4/2566", "๓๐ วัน"), ("0/4/2566", "๓๐ วัน")])
def test_a_day_outside_the_month_is_refused(text, fix):
    assert fix in error_message(parse_date, text)


def test_a_month_number_above_twelve_is_refused():
    assert "๑ ถึง ๑๒" in error_message(parse_date, "4/13/2566")


def test_an_unknown_month_name_is_refused_with_examples_of_month_names():
    message = error_message(parse_date, "4 April 2566")
    assert 'ไม่รู้จักชื่อเดือน "April"' in message
    assert "เมษายน หรือ เม.ย." in message


def test_christian_era_year_is_refused_with_a_hint():
    message = error_message(parse_date, "4/4/2023")
    assert "ค.ศ." in message
    assert "พ.ศ. ๒๕๖๖" in message


def test_christian_era_year_after_a_month_name_is_refused_with_a_hint():
    assert "พ.ศ. ๒๕๖๖" in error_message(parse_date, "4 เมษายน 2023")


@pytest.mark.parametrize("text", ["4/4/3000", "4/4/1500", "4/4/123", "4 เม.ย. 25660"])
def test_an_implausible_year_is_refused(text):
    message = error_message(parse_date, text)
    assert "ไม่น่าจะถูกต้อง" in message
    assert "พ.ศ." in message


def test_an_iso_date_with_a_buddhist_era_year_is_refused_because_iso_is_christian_era():
    message = error_message(parse_date, "2566-04-04")
    assert "ค.ศ." in message


def test_the_error_is_a_value_error_so_forms_and_callers_can_catch_it():
    with pytest.raises(ValueError):
        parse_date("29 ก.พ. ๒๕๖๖")


DATES = st.dates(min_value=date(1943, 1, 1), max_value=date(2099, 12, 31))


@property_test
@given(DATES)
def test_format_date_round_trips_through_parse_date(day):
    assert parse_date(format_date(day)) == day


@property_test
@given(DATES)
def test_format_date_short_round_trips_through_parse_date(day):
    assert parse_date(format_date_short(day)) == day


@property_test
@given(DATES)
def test_format_date_numeric_round_trips_through_parse_date(day):
    assert parse_date(format_date_numeric(day)) == day
    assert parse_date(to_arabic_digits(format_date_numeric(day))) == day


@property_test
@given(DATES)
def test_an_iso_date_is_read_as_christian_era(day):
    assert parse_date(day.isoformat()) == day


# --- periods ------------------------------------------------------------------------------------

OCT_2565, MAR_2566 = date(2022, 10, 1), date(2023, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "ต.ค. ๖๕ - มี.ค. ๖๖",
        "(ต.ค. ๖๕ - มี.ค. ๖๖)",
        "ต.ค. ๖๕ – มี.ค. ๖๖",
        "ต.ค. 65-มี.ค. 66",
        "ต.ค. ๒๕๖๕ - มี.ค. ๒๕๖๖",
        "เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖",
        "(เดือนตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖)",
        "(เดือนตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖)",
        "ตุลาคม พ.ศ. ๒๕๖๕ - มีนาคม พ.ศ. ๒๕๖๖",
    ],
)
def test_a_period_is_read_as_the_first_days_of_its_months(text):
    assert parse_period(text) == (OCT_2565, MAR_2566)


def test_a_whole_fiscal_year_period_from_a_real_report_is_read():
    assert parse_period("ต.ค. ๒๕๖๖ - ก.ย. ๒๕๖๗") == (date(2023, 10, 1), date(2024, 9, 1))


def test_a_period_of_a_single_month_is_allowed():
    assert parse_period("ต.ค. ๖๕ - ต.ค. ๖๕") == (OCT_2565, OCT_2565)


def test_a_period_that_ends_before_it_starts_is_refused():
    message = error_message(parse_period, "มี.ค. ๖๖ - ต.ค. ๖๕")
    assert "เดือนสิ้นสุด (ต.ค. ๒๕๖๕) อยู่ก่อนเดือนเริ่มต้น (มี.ค. ๒๕๖๖)" in message


@pytest.mark.parametrize("text", ["", None, "()"])
def test_an_empty_period_asks_for_one_with_examples(text):
    assert "กรุณากรอกช่วงเวลา เช่น ต.ค. ๖๕ - มี.ค. ๖๖" in error_message(parse_period, text)


@pytest.mark.parametrize("text", ["ต.ค. ๖๕", "ต.ค. - มี.ค.", "ต.ค. ๖๕ - มี.ค. ๖๖ - ก.ย. ๖๖", "abc"])
def test_text_that_is_not_a_period_is_refused_with_examples(text):
    message = error_message(parse_period, text)
    assert "เป็นช่วงเวลาไม่ได้" in message
    assert "ต.ค. ๖๕ - มี.ค. ๖๖" in message


def test_a_period_with_an_unknown_month_or_a_christian_era_year_says_so():
    assert "ไม่รู้จักชื่อเดือน" in error_message(parse_period, "ตค ๖๕ - มีน ๖๖")
    assert "ค.ศ." in error_message(parse_period, "ต.ค. 2022 - มี.ค. 2023")


def month_pairs(first, last):
    return st.tuples(
        st.dates(min_value=first, max_value=last), st.dates(min_value=first, max_value=last)
    ).map(sorted)


def first_of_month(day):
    return day.replace(day=1)


@property_test
@given(month_pairs(date(2500 - 543, 1, 1), date(2599 - 543, 12, 31)))
def test_format_period_round_trips_through_parse_period(pair):
    start, end = pair
    assert parse_period(format_period(start, end)) == (first_of_month(start), first_of_month(end))


@property_test
@given(month_pairs(date(1943, 1, 1), date(2099, 12, 31)), st.booleans())
def test_format_period_long_round_trips_through_parse_period(pair, in_parentheses):
    start, end = pair
    text = format_period_long(start, end)
    if in_parentheses:
        text = f"({text})"
    assert parse_period(text) == (first_of_month(start), first_of_month(end))


@property_test
@given(month_pairs(date(1943, 1, 1), date(2099, 12, 31)))
def test_a_period_whose_end_comes_first_is_always_refused(pair):
    start, end = pair
    if first_of_month(start) != first_of_month(end):
        with pytest.raises(ThaiFormatError):
            parse_period(format_period_long(end, start))


# --- question codes -----------------------------------------------------------------------------


def test_the_three_tools_have_their_canonical_letters():
    assert QUESTION_CODE_PREFIXES == ("i", "e", "O")


@pytest.mark.parametrize(
    ("code", "printed"),
    [("e6", "e๖"), ("O42", "O๔๒"), ("i10", "i๑๐"), ("e15", "e๑๕"), ("O1", "O๑")],
)
def test_a_question_code_keeps_its_letter_and_prints_its_number_in_thai_digits(code, printed):
    assert format_question_code(code) == printed


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("e๖", "e6"),
        ("E๑๑", "e11"),
        ("i7", "i7"),
        ("I 7", "i7"),
        ("1๑๐", "i10"),  # the i was extracted as an Arabic 1 before Thai digits
        ("๐๒๐", "O20"),  # the O was extracted as a Thai zero
        ("020", "O20"),  # ... or as an Arabic zero
        ("ข้อ ๐๘", "O8"),
        ("O42", "O42"),
        ("o42", "O42"),
        ("O 42", "O42"),
        ("O.42", "O42"),
        ("O๔๒", "O42"),
        ("  e6  ", "e6"),
        ("ข้อ e๖", "e6"),
        ("ข้อ O42", "O42"),
        ("i30", "i30"),
        ("O43", "O43"),
        ("O99", "O99"),  # future frameworks may have more items: ranges are data, not code
    ],
)
def test_a_question_code_is_read_as_real_documents_print_it(text, code):
    assert parse_question_code(text) == code


@pytest.mark.parametrize("text", ["๑๐", "42", "110", "๑๑๐"])
def test_a_plain_number_is_ambiguous_and_asks_for_the_tool_letter(text):
    message = error_message(parse_question_code, text)
    assert "ไม่ได้ระบุเครื่องมือ" in message
    assert "กรุณาใส่ตัวอักษร i, e หรือ O นำหน้า" in message


@pytest.mark.parametrize("text", ["", None, "ข้อ"])
def test_an_empty_question_code_asks_for_one(text):
    assert "กรุณากรอกรหัสข้อคำถาม" in error_message(parse_question_code, text)


def test_an_unknown_tool_letter_is_refused():
    message = error_message(parse_question_code, "x5")
    assert 'ไม่รู้จักเครื่องมือ "x"' in message
    assert "i, e หรือ O" in message


def test_question_number_zero_is_refused():
    assert "เริ่มที่ ๑" in error_message(parse_question_code, "e0")


@pytest.mark.parametrize("text", ["e", "e6a", "ตัวชี้วัดที่ ๙", "??"])
def test_text_that_is_not_a_question_code_is_refused_with_examples(text):
    message = error_message(parse_question_code, text)
    assert "i๑, e๖ หรือ O๔๒" in message


CODES = st.builds(
    "{}{}".format,
    st.sampled_from(QUESTION_CODE_PREFIXES),
    st.integers(min_value=1, max_value=10**6),
)


@property_test
@given(CODES)
def test_format_question_code_round_trips_through_parse_question_code(code):
    assert parse_question_code(format_question_code(code)) == code
    assert parse_question_code(code) == code


@property_test
@given(st.integers(min_value=1, max_value=10**6))
def test_a_code_whose_letter_became_a_digit_is_still_read(number):
    thai = to_thai_digits(number)
    assert parse_question_code("0" + thai) == f"O{number}"
    assert parse_question_code("๐" + thai) == f"O{number}"
    assert parse_question_code("1" + thai) == f"i{number}"


# --- any input ----------------------------------------------------------------------------------

TYPED = st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙ /.-–()ขอ้เดือนวันที่พ.ศ.ต.ค.มี.ค.เมษายนieOoxI\u200b")
LONG_YEARS = st.builds("4/4/{}".format, st.text("0123456789", max_size=5000))


@property_test
@given(st.one_of(st.text(), TYPED, LONG_YEARS))
def test_a_parser_either_reads_the_text_or_raises_a_thai_format_error(text):
    for parse in (parse_date, parse_period, parse_question_code):
        try:
            parse(text)
        except ThaiFormatError as error:
            assert re.search("[ก-๛]", str(error))
