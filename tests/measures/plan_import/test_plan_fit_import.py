"""What an import reads of real plans without inventing it: no period where none is given,
monitoring items with the deadline or recurrence their text states, sections under the
division they name."""

from datetime import date

import pytest

from measures.models import Unit
from measures.models.dates import DatePrecision
from measures.plan_import.monitoring import monitoring_row_read
from measures.plan_import.reading import rows_from_text
from measures.plan_import.services import plan_import, plan_import_preview
from tests.factories import make_organisation, make_unit

from .examples import DOCUMENTS, example_text

pytestmark = pytest.mark.django_db


def _import(name, organisation, **options):
    year, _months = DOCUMENTS[name]
    rows = rows_from_text(example_text(name))
    return plan_import(organisation=organisation, fiscal_year=year, rows=rows, **options)


def _text_import(organisation, text, **options):
    return plan_import(
        organisation=organisation, fiscal_year=2566, rows=rows_from_text(text), **options
    )


# --- the period -----------------------------------------------------------------------------


def test_a_row_without_a_period_is_imported_without_one_and_the_preview_says_so():
    preview, saved = _import("bangsainoi-2566-6-month.txt", make_organisation())
    periods = [(m.period_start, m.period_end) for m in saved]
    # The first five rows (EIT) give no period; the OIT rows give theirs.
    assert periods[:5] == [(None, None)] * 5
    assert periods[5] == (date(2022, 10, 1), date(2023, 3, 1))
    warned = ["ไม่ระบุระยะเวลา" in " ".join(row.warnings) for row in preview.rows]
    assert warned == [True] * 5 + [False] * 8


# --- monitoring items -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deadline", "precision", "recurrence"),
    [
        ("รายงานผู้บริหาร ภายในเดือนกันยายน ๒๕๖๖", date(2023, 9, 30), "month", ""),
        ("ส่งรายงาน ภายในวันที่ ๓๑ มีนาคม ๒๕๖๖", date(2023, 3, 31), "day", ""),
        (
            "รายงานผู้บริหาร ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
            None,
            "day",
            "ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
        ),
        ("รายงานไตรมาสละ ๑ ครั้ง", None, "day", "ไตรมาสละ ๑ ครั้ง"),
        # A month without its year is kept as written, never given one.
        ("เผยแพร่ให้เป็นปัจจุบัน ภายในเดือนมกราคม", None, "day", "ภายในเดือนมกราคม"),
        # Written otherwise than documents print it: kept as written, so printed once.
        ("รายงานผล ภายใน ต.ค. ๖๕", date(2022, 10, 31), "month", "ภายใน ต.ค. ๖๕"),
        ("ผู้บริหารกำกับติดตามให้แล้วเสร็จภายในระยะเวลาที่กำหนด", None, "day", ""),
    ],
)
def test_a_monitoring_item_reads_only_the_deadline_or_recurrence_its_text_states(
    text, deadline, precision, recurrence
):
    row = monitoring_row_read(text)
    assert (row.text, row.deadline, row.deadline_precision, row.recurrence) == (
        text,
        deadline,
        precision,
        recurrence,
    )


def test_monitoring_items_are_imported_as_written_with_their_own_deadlines():
    _preview, saved = _import("makjia-2566-6-month.txt", make_organisation())
    items = list(saved[0].monitoring_items.order_by("order"))
    assert [i.text[:2] for i in items] == ["๑)", "๒)", "๓)", "๔)"]
    assert [(i.deadline, i.deadline_precision) for i in items] == [
        (date(2022, 10, 31), DatePrecision.MONTH),
        (date(2023, 4, 30), DatePrecision.MONTH),
        (date(2022, 12, 31), DatePrecision.MONTH),
        (None, DatePrecision.DAY),
    ]
    assert [i.printed for i in items] == [i.text for i in items]  # the text, once
    assert saved[0].monitoring == ""  # the items hold it, not printed twice


def test_a_recurrence_is_kept_as_the_text_says_it_and_the_preview_shows_what_was_read():
    preview, saved = _import("bangsainoi-2566-6-month.txt", make_organisation())
    items = list(saved[2].monitoring_items.order_by("order"))
    assert items[1].deadline is None
    assert items[1].recurrence == "ทุก ๖ เดือน ภายในเดือนเมษายน และ เดือนตุลาคม ของทุกปี"
    assert items[1].printed == items[1].text
    whens = [item.when for item in preview.rows[2].monitoring_items]
    assert whens == [
        "ไม่ระบุกำหนดเวลา",
        "ความถี่/กำหนดตามที่เขียน: ทุก ๖ เดือน ภายในเดือนเมษายน และ เดือนตุลาคม ของทุกปี",
    ]


# --- sections under divisions -----------------------------------------------------------------

SECTIONS = (
    "มาตรการ\tผู้รับผิดชอบ\tระยะเวลา\n"
    "ประชุมประจำเดือน\tงานการเงิน (กองคลัง)\tต.ค. ๖๕ - มี.ค. ๖๖\n"
    "จัดซื้อจัดจ้าง\tงานพัสดุ กองคลัง/สำนักปลัด\tต.ค. ๖๕ - มี.ค. ๖๖\n"
)


def test_a_section_named_with_its_division_is_created_under_it():
    organisation = make_organisation()
    make_unit(organisation, "สำนักปลัด")
    preview = plan_import_preview(
        organisation=organisation, fiscal_year=2566, rows=rows_from_text(SECTIONS)
    )
    assert preview.unknown_units == ["กองคลัง", "งานการเงิน (กองคลัง)", "งานพัสดุ (กองคลัง)"]
    assert preview.rows[1].units_shown == ["งานพัสดุ (กองคลัง)", "สำนักปลัด"]

    _preview, saved = _text_import(organisation, SECTIONS, create_units=True)

    finance = Unit.objects.get(organisation=organisation, name="กองคลัง")
    assert finance.parent is None
    sections = Unit.objects.filter(organisation=organisation, parent=finance)
    assert sorted(sections.values_list("name", flat=True)) == ["งานการเงิน", "งานพัสดุ"]
    assert [u.display_name for u in saved[0].units.all()] == ["งานการเงิน (กองคลัง)"]
    assert sorted(u.name for u in saved[1].units.all()) == ["งานพัสดุ", "สำนักปลัด"]


def test_a_section_uses_the_division_already_known_and_unknown_ones_stay_a_note():
    organisation = make_organisation()
    finance = make_unit(organisation, "กองคลัง")
    _preview, saved = _text_import(organisation, SECTIONS)
    assert saved[0].responsible_note == "งานการเงิน (กองคลัง)" and not saved[0].units.exists()
    assert Unit.objects.filter(organisation=organisation).count() == 1

    other = make_organisation()
    finance = make_unit(other, "กองคลัง")
    _text_import(other, SECTIONS, create_units=True)
    assert Unit.objects.filter(organisation=other, name="กองคลัง").count() == 1
    assert Unit.objects.get(organisation=other, name="งานการเงิน").parent == finance
