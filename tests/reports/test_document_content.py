"""What the documents print of a real plan as entered through the forms: typed line breaks,
the organisation's own numbering and order, the monitoring column of the summary layout, the
closing sections of a progress report and the plan's wording choices."""

import shutil
import subprocess
from datetime import date

import pytest

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
    printed = [text for cell in cell_texts(row, layout, True) for text, _size in cell]
    assert "ผลลัพธ์ที่สอง" in printed or layout == "plan"
    assert "๑. ขั้นแรก" in printed and "ขั้นต่อมา" in printed
    assert not any("\n" in text for text in printed)


@pytest.mark.parametrize("layout", ["plan", "summary"])
def test_typed_line_breaks_print_as_line_breaks_in_the_web_view(typed_plan, layout):
    html = document_html(document_context(typed_plan, "progress-12", layout, on=ON))
    for first, second in TYPED_LINES:
        if layout == "summary" and first.startswith("รายงาน"):
            continue  # the summary layout's monitoring column comes with item c
        assert f"{first}<br>{second}" in html, first


def test_typed_line_breaks_print_as_line_breaks_in_the_pdf(typed_plan, tmp_path):
    data, _ = document_pdf(typed_plan, "progress-12", "plan", on=ON, cover=False)
    lines = pdf_lines(data, tmp_path)
    for first, second in TYPED_LINES:
        assert any(line.endswith(first) for line in lines), first
        assert any(line.startswith(second) for line in lines), second
