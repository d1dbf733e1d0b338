"""What the documents print of a real plan as entered through the forms: typed line breaks,
the organisation's own numbering and order, the monitoring column of the summary layout, the
closing sections of a progress report and the plan's wording choices."""

import shutil
import subprocess
from datetime import date

import pytest

from itaportal import thai
from measures.models import MeasureStep
from reports.documents import cell_texts, document_context, document_html, document_pdf
from tests.factories import make_entry, make_measure, make_organisation, make_plan

pytestmark = pytest.mark.django_db

ON = date(2023, 10, 5)


def rows_of(doc):
    return [
        row for group in doc["groups"] for section in group["sections"] for row in section["rows"]
    ]


def pdf_lines(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        [shutil.which("pdftotext"), "-raw", str(path), "-"], capture_output=True, check=True
    )
    return [" ".join(line.split()) for line in out.stdout.decode().splitlines()]


@pytest.fixture
def typed_plan():
    """A plan whose cells hold line breaks as a browser sends them (CRLF)."""
    plan = make_plan(make_organisation())
    measure = make_measure(
        plan,
        number=1,
        title="มาตรการประชุมประจำเดือน",
        issue="ประเด็นแรก\r\nประเด็นที่สอง",
        monitoring="รายงานผู้บริหารทุกเดือน\r\n\r\nติดตามผลทุกไตรมาส",
        expected_outcome="ผลลัพธ์แรก\r\nผลลัพธ์ที่สอง",
        all_units=True,
    )
    MeasureStep.objects.create(measure=measure, order=1, text="ขั้นแรก\r\nขั้นต่อมา")
    make_entry(
        measure, date(2023, 1, 5), description="ผลงานแรก\r\nผลงานต่อมา", review_state="approved"
    )
    return plan


TYPED_LINES = [
    ("ประเด็นแรก", "ประเด็นที่สอง"),
    ("รายงานผู้บริหารทุกเดือน", "ติดตามผลทุกไตรมาส"),
    ("ขั้นแรก", "ขั้นต่อมา"),
    ("ผลงานแรก", "ผลงานต่อมา"),
]


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_typed_line_breaks_are_counted_as_lines_by_the_width_fitting(typed_plan, layout):
    doc = document_context(typed_plan, "progress-12", layout, on=ON)
    (row,) = rows_of(doc)
    assert row["monitoring"] == "รายงานผู้บริหารทุกเดือน\nติดตามผลทุกไตรมาส"
    cells = cell_texts(row, layout, True, monitoring_column=doc["monitoring_column"])
    printed = [text for cell in cells for text, _size in cell]
    assert "ติดตามผลทุกไตรมาส" in printed
    assert "ผลลัพธ์ที่สอง" in printed or layout == "plan"
    assert "ขั้นแรก" in printed and "ขั้นต่อมา" in printed  # a lone step: no number (issue 12)
    assert not any("\n" in text for text in printed)


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_typed_line_breaks_print_as_line_breaks_in_the_web_view(typed_plan, layout):
    html = document_html(document_context(typed_plan, "progress-12", layout, on=ON))
    for first, second in TYPED_LINES:
        assert f"{first}<br>{second}" in html, first


def test_typed_line_breaks_print_as_line_breaks_in_the_pdf(typed_plan, tmp_path):
    data, _ = document_pdf(typed_plan, "progress-12", "plan", on=ON, cover=False)
    lines = pdf_lines(data, tmp_path)
    for first, second in TYPED_LINES:
        assert any(line.endswith(first) for line in lines), first
        assert any(line.startswith(second) for line in lines), second


def test_the_plan_layout_keeps_the_organisations_numbering_and_order():
    """Measure 1 answers a question of the second tool, 2 of the first, 3 of the second again:
    the table prints 1, 2, 3 with a heading wherever the tool changes, not 2, 1, 3."""
    plan = make_plan(make_organisation())
    tools = list(plan.framework.tools.order_by("order"))
    first_tool, second_tool = tools[0], tools[1]
    for number, tool in [(1, second_tool), (2, first_tool), (3, second_tool)]:
        measure = make_measure(plan, number=number, all_units=True)
        measure.questions.set([tool.questions.order_by("order").first()])
    doc = document_context(plan, "measures", "plan", on=ON)
    assert [row["number"] for row in rows_of(doc)] == ["๑", "๒", "๓"]
    titles = [group["title"].split()[1] for group in doc["groups"]]
    assert titles == [second_tool.code, first_tool.code, second_tool.code]
    assert all(group["sections"][0]["title"].startswith("ตัวชี้วัดที่") for group in doc["groups"])


def test_a_changed_indicator_under_the_same_tool_starts_a_section_heading():
    plan = make_plan(make_organisation())
    tool = plan.framework.tools.order_by("order").first()
    indicators = list(tool.indicators.order_by("number"))[:2]
    for number, indicator in enumerate([indicators[1], indicators[0], indicators[0]], start=1):
        measure = make_measure(plan, number=number, all_units=True)
        measure.questions.set([indicator.questions.order_by("order").first()])
    doc = document_context(plan, "measures", "plan", on=ON)
    (group,) = doc["groups"]
    assert [len(section["rows"]) for section in group["sections"]] == [1, 2]
    assert [section["title"].split()[1] for section in group["sections"]] == [
        thai.to_thai_digits(indicators[1].number),
        thai.to_thai_digits(indicators[0].number),
    ]


@pytest.mark.parametrize("kind", ["measures", "progress-6"])
def test_the_summary_layout_prints_a_monitoring_column(typed_plan, kind, tmp_path):
    doc = document_context(typed_plan, kind, "summary", on=ON)
    assert doc["columns"][3] == "การรายงานผลและการกำกับติดตาม"
    assert len(doc["widths"]) == len(doc["columns"]) == (6 if kind == "measures" else 7)
    data, _ = document_pdf(typed_plan, kind, "summary", on=ON, cover=False)
    lines = pdf_lines(data, tmp_path)
    assert "การรายงานผลและการกำกับติดตาม" in "".join("".join(lines).split())
    assert any("ติดตามผลทุกไตรมาส" in line for line in lines)


def test_a_summary_without_any_monitoring_text_leaves_the_column_out():
    plan = make_plan(make_organisation())
    make_measure(plan, number=1, all_units=True)
    doc = document_context(plan, "measures", "summary", on=ON)
    assert "การรายงานผลและการกำกับติดตาม" not in doc["columns"]
    assert len(doc["widths"]) == len(doc["columns"]) == 5


def test_the_plan_chooses_the_wording_of_its_titles_and_column_headers(typed_plan):
    standard = document_context(typed_plan, "progress-12", "summary", on=ON)
    assert standard["columns"][-1] == "ผลลัพธ์/ข้อเสนอแนะ"
    assert standard["title"].startswith(
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    )
    typed_plan.wording = "guideline"
    typed_plan.save()
    doc = document_context(typed_plan, "progress-12", "summary", on=ON)
    assert doc["columns"] == [
        "มาตรการ/แนวทางการกำหนดวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
        "ขั้นตอน/วิธีดำเนินการ",
        "ผู้รับผิดชอบ",
        "การรายงานผลและการกำกับติดตาม",
        "ระยะเวลาดำเนินการ",
        "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม",
        "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
    ]
    assert doc["title"] == (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๑๒ เดือน"
    )
    typed_plan.wording = "success"
    typed_plan.save()
    doc = document_context(typed_plan, "progress-12", "plan", on=ON)
    assert doc["columns"][3] == "การแสดงผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"
    summary = document_context(typed_plan, "progress-12", "summary", on=ON)
    assert summary["columns"][-1] == "ผลลัพธ์/ความสำเร็จ"


def test_the_chosen_wording_is_printed_on_the_cover_subject_and_table(typed_plan, tmp_path):
    typed_plan.wording = "brief"
    typed_plan.save()
    data, doc = document_pdf(typed_plan, "progress-6", "summary", on=ON)
    assert doc["cover_lines"] == ["รายงานผลการดำเนินการ", "มาตรการส่งเสริม", "คุณธรรมและความโปร่งใส"]
    text = "".join("".join(pdf_lines(data, tmp_path)).split())
    assert "เรื่องรายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใสประจำปี" in text
    org = typed_plan.organisation.name_th
    assert f"รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใสของ{org}" in text
    # only the announcement's two sentences; the cover and the table follow the wording
    assert text.count("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน") == 2
    assert "ข้อเสนอแนะ" in text


def test_the_plan_prints_question_codes_alone_or_with_their_catalog_text():
    plan = make_plan(make_organisation())
    question = plan.framework.questions.exclude(text_th="").order_by("order").first()
    measure = make_measure(plan, number=1, all_units=True)
    measure.questions.set([question])
    (row,) = rows_of(document_context(plan, "measures", "plan", on=ON))
    code = thai.format_question_code(question.code)
    assert row["questions"] == [f"{code} {question.text_th}"]
    plan.questions_with_text = False
    plan.save()
    (row,) = rows_of(document_context(plan, "measures", "plan", on=ON))
    assert row["questions"] == [code]


def test_the_coordinator_chooses_wording_and_codes_on_the_plan_form(client):
    from django.urls import reverse

    from measures.models import Membership
    from tests.factories import make_member

    plan = make_plan(make_organisation())
    client.force_login(make_member(plan.organisation, Membership.Role.COORDINATOR))
    edit = reverse("measures:plan-edit", args=[plan.organisation.slug, plan.fiscal_year])
    assert "ผลลัพธ์หรือความสำเร็จของการดำเนินการ" in client.get(edit).text
    form = {"framework": str(plan.framework.pk), "version": "1"}
    response = client.post(edit, {**form, "wording": "guideline", "questions_with_text": "0"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.wording == "guideline" and plan.questions_with_text is False
    response = client.post(edit, {**form, "version": "2", "wording": "nonsense"})
    assert response.status_code == 200 and "ไม่ถูกต้อง" in response.text


def test_a_preview_without_a_signatory_says_so_where_the_name_goes():
    """Not "()": the PDF's HTML and the DOCX mark the place as missing (publishing refuses)."""
    import io

    import docx

    from reports.docx import docx_from_context

    plan = make_plan(make_organisation())
    doc = document_context(plan, "measures", "plan", on=ON)
    html = document_html(doc)
    assert "()" not in html
    assert '<span class="missing">(ยังไม่ได้ระบุชื่อผู้ลงนาม)</span>' in html
    assert '<span class="missing">(ยังไม่ได้ระบุตำแหน่งผู้ลงนาม)</span>' in html
    texts = [p.text for p in docx.Document(io.BytesIO(docx_from_context(doc))).paragraphs]
    assert "(ยังไม่ได้ระบุชื่อผู้ลงนาม)" in texts and "()" not in texts
    plan.signatory_name, plan.signatory_position = "นายสมชาย ใจดี", "นายก"
    html = document_html(document_context(plan, "measures", "plan", on=ON))
    assert "ยังไม่ได้ระบุ" not in html and "ใจดี" in html
