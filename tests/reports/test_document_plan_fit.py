"""What the documents print of real plans' rows: exactly what is known (issue 12, item 1)."""

from datetime import date

import pytest
from django.utils.html import strip_tags

from reports.documents import cell_texts, document_context, document_html
from tests.factories import make_entry, make_measure, make_organisation, make_plan

pytestmark = pytest.mark.django_db


def rows_of(doc):
    return [
        row for group in doc["groups"] for section in group["sections"] for row in section["rows"]
    ]


def html_text(doc):
    return " ".join(document_html(doc).split())


@pytest.fixture
def plan():
    return make_plan(make_organisation())


# --- a. a measure headed by its issue --------------------------------------------------------


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_a_measure_without_a_title_is_headed_by_its_issue_printed_once(plan, layout):
    make_measure(plan, number=1, title="", issue="e๖ การเผยแพร่ข้อมูล")
    doc = document_context(plan, "measures", layout)
    html = html_text(doc)
    assert html.count("e๖ การเผยแพร่ข้อมูล") == 1
    assert "ประเด็น: " not in html
    first_cells = [text for cell in cell_texts(rows_of(doc)[0], layout, False) for text, _ in cell]
    if layout == "plan":
        assert "มาตรการที่ ๑</p>" in html and "มาตรการที่ ๑" in first_cells
    else:
        assert "๑. e๖ การเผยแพร่ข้อมูล</p>" in html and "๑. e๖ การเผยแพร่ข้อมูล" in first_cells
    assert date and make_entry  # used by later tests of this module


# --- f. step numbers as written ---------------------------------------------------------------


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_steps_print_their_labels_instead_of_the_automatic_number(plan, layout):
    measure = make_measure(plan, number=1, title="มาตรการ")
    for order, (label, text) in enumerate(
        [("๑", "ประชุม"), ("3", "จัดทำ"), ("๓.๑", "ร่าง"), ("", "เผยแพร่")], start=1
    ):
        measure.steps.create(order=order, label=label, text=text)
    doc = document_context(plan, "measures", layout)
    html = html_text(doc)
    cells = [text for cell in cell_texts(rows_of(doc)[0], layout, False) for text, _ in cell]
    for printed in ["๑. ประชุม", "๓. จัดทำ", "๓.๑. ร่าง", "๔. เผยแพร่"]:
        assert printed in html and printed in cells


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_a_lone_step_without_a_number_prints_without_one(plan, layout):
    """A steps cell of one unnumbered sentence: "๑." would be a number the plan never gave."""
    make_measure(plan, number=1, title="มาตรการ").steps.create(
        order=1, label="", text="เผยแพร่ข้อมูลบนเว็บไซต์"
    )
    doc = document_context(plan, "measures", layout)
    cells = [text for cell in cell_texts(rows_of(doc)[0], layout, False) for text, _ in cell]
    assert "เผยแพร่ข้อมูลบนเว็บไซต์" in cells
    assert "<li>เผยแพร่ข้อมูลบนเว็บไซต์</li>" in html_text(doc)
    assert "๑. เผยแพร่" not in html_text(doc) and "๑. เผยแพร่ข้อมูลบนเว็บไซต์" not in cells


# --- b. units under their division, and a note beside the units ------------------------------


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_the_unit_cell_prints_sections_with_their_division_and_the_responsible_note(plan, layout):
    finance = plan.organisation.units.create(name="กองคลัง")
    section = plan.organisation.units.create(name="งานพัฒนารายได้", parent=finance)
    executive = plan.organisation.units.create(name="ผู้บริหาร")
    note = "ทุกสำนัก/กองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด"
    make_measure(plan, number=1, units=[section, executive], responsible_note=note)
    doc = document_context(plan, "measures", layout)
    row = rows_of(doc)[0]
    assert row["units"] == ["งานพัฒนารายได้ (กองคลัง)", "ผู้บริหาร"]
    unit_cell = cell_texts(row, layout, False)[1 if layout == "plan" else 2]
    assert [text for text, _ in unit_cell] == ["งานพัฒนารายได้ (กองคลัง)", "ผู้บริหาร", note]
    html = html_text(doc)
    assert f"<p>{note}</p>" in html and "(กองคลัง)" in html


# --- d. work begun before the fiscal year -----------------------------------------------------


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_a_period_begun_before_the_fiscal_year_prints_as_the_plan_wrote_it(plan, layout):
    make_measure(plan, number=1, period_start=date(2022, 9, 1), period_end=date(2023, 4, 1))
    doc = document_context(plan, "measures", layout)
    assert rows_of(doc)[0]["period"] == "ก.ย. ๖๕ - เม.ย. ๖๖"
    assert "ก.ย. ๖๕ - เม.ย. ๖๖" in strip_tags(html_text(doc))  # in two unbroken halves


# --- c. deadlines by the month, and monitoring items of their own ----------------------------


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_month_deadlines_and_monitoring_items_print_as_the_plan_wrote_them(plan, layout):
    measure = make_measure(
        plan,
        number=1,
        monitoring="รายงานผู้บริหาร",
        deadline=date(2023, 9, 30),
        deadline_precision="month",
    )
    measure.monitoring_items.create(
        order=1, text="ติดตามผล", recurrence="ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม"
    )
    measure.monitoring_items.create(
        order=2, text="สรุปผล", deadline=date(2023, 9, 30), deadline_precision="month"
    )
    doc = document_context(plan, "measures", layout)
    row = rows_of(doc)[0]
    assert row["deadline"] == "ภายในเดือนกันยายน ๒๕๖๖"
    expected = [
        "รายงานผู้บริหาร",
        "ติดตามผล ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม",
        "สรุปผล ภายในเดือนกันยายน ๒๕๖๖",
    ]
    cell = cell_texts(row, layout, False, monitoring_column=doc["monitoring_column"])[3]
    assert [text for text, _ in cell][:3] == expected
    html = html_text(doc)
    assert all(text in html for text in expected)
    if layout == "plan":
        assert "กำหนดเวลาแล้วเสร็จ ภายในเดือนกันยายน ๒๕๖๖" in html
        assert "๓๐ กันยายน" not in html  # no day is invented for a month's deadline


# --- e. results dated by the month or the round, status and percent optional ----------------


def test_results_print_exactly_what_is_known_of_their_date_status_and_percent(plan):
    measure = make_measure(plan, number=1)
    approved = {"review_state": "approved"}
    make_entry(measure, date(2023, 1, 5), description="วันที่ครบ", **approved)
    make_entry(
        measure,
        date(2023, 2, 1),
        description="เพียงเดือน",
        date_precision="month",
        status="",
        percent=None,
        **approved,
    )
    make_entry(
        measure,
        date(2023, 3, 31),
        description="เพียงรอบหก",
        date_precision="round",
        status="in_progress",
        percent=None,
        **approved,
    )
    make_entry(
        measure,
        date(2023, 9, 30),
        description="เพียงรอบสิบสอง",
        date_precision="round",
        status="",
        percent=None,
        **approved,
    )
    six = rows_of(document_context(plan, "progress-6", "plan"))[0]
    assert [(r["date"], r["text"], r["state"]) for r in six["results"]] == [
        ("๕ ม.ค. ๒๕๖๖", "วันที่ครบ", "อยู่ระหว่างดำเนินการ ร้อยละ ๕๐"),
        ("ก.พ. ๒๕๖๖", "เพียงเดือน", ""),
        ("", "เพียงรอบหก", "อยู่ระหว่างดำเนินการ"),
    ]
    assert six["latest_status"] == "อยู่ระหว่างดำเนินการ"
    twelve_doc = document_context(plan, "progress-12", "plan")
    twelve = rows_of(twelve_doc)[0]
    assert [(r["date"], r["text"]) for r in twelve["results"]][2:] == [
        ("รอบ ๖ เดือน", "เพียงรอบหก"),
        ("", "เพียงรอบสิบสอง"),
    ]
    results_cell = [text for text, _ in cell_texts(twelve, "plan", True)[4]]
    assert "ก.พ. ๒๕๖๖ เพียงเดือน" in results_cell and "เพียงรอบสิบสอง" in results_cell
    html = html_text(twelve_doc)
    assert "<b>ก.พ. ๒๕๖๖</b> เพียงเดือน</p>" in html
    assert "<p>เพียงรอบสิบสอง</p>" in html
    assert "(อยู่ระหว่างดำเนินการ)" in html and "ร้อยละ ๐" not in html and "๑ ก.พ." not in html
