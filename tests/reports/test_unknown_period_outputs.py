"""Where a plan gives no period, every output prints nothing or "-", never an invented range:
the PDF's HTML, the DOCX, the .xlsx export, open data, the API and the dashboard."""

import csv
import io
import json
from datetime import date

import docx
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from measures.plan_import.columns import HEADERS
from measures.plan_import.exporting import plan_sheet_rows
from reports.dashboard import dashboard_figures
from reports.documents import document_context, document_html
from reports.docx import docx_from_context
from tests.factories import make_measure, make_organisation, make_plan

pytestmark = pytest.mark.django_db

KNOWN = "ต.ค. ๖๕ - มี.ค. ๖๖"


@pytest.fixture
def plan():
    plan = make_plan(make_organisation(slug="noperiod"), 2566, announced_on=date(2022, 10, 20))
    make_measure(plan, number=1, title="มาตรการไม่ระบุระยะเวลา", period_start=None, period_end=None)
    make_measure(
        plan,
        number=2,
        title="มาตรการมีระยะเวลา",
        period_start=date(2022, 10, 1),
        period_end=date(2023, 3, 1),
        deadline=date(2023, 1, 31),
    )
    return plan


def _docx_cells(doc):
    document = docx.Document(io.BytesIO(docx_from_context(doc)))
    return [
        [p.text for cell in row.cells for p in cell.paragraphs]
        for table in document.tables
        for row in table.rows
    ]


def printed(doc):
    """The document's text without its markup (a period prints in two unbroken spans)."""
    return " ".join(strip_tags(document_html(doc)).split())


def test_the_plan_layout_prints_no_period_line_where_none_is_known(plan):
    doc = document_context(plan, "measures", "plan")
    text = printed(doc)
    assert document_html(doc).count('<p class="muted">ระยะเวลา ') == 1
    assert f"ระยะเวลา {KNOWN}" in text
    rows = [r for r in _docx_cells(doc) if any("มาตรการที่ ๑" in t for t in r)]
    assert rows and not any(t.startswith("ระยะเวลา") for t in rows[0])
    assert "ต.ค. ๖๕ - ก.ย. ๖๖" not in text  # never the fiscal year


def test_the_summary_layout_prints_a_dash_in_the_period_column(plan):
    doc = document_context(plan, "measures", "summary")
    assert "<td>-</td>" in " ".join(document_html(doc).split()) and KNOWN in printed(doc)
    unknown_row = next(r for r in _docx_cells(doc) if "๑. มาตรการไม่ระบุระยะเวลา" in r)
    assert "-" in unknown_row and "ต.ค. ๖๕ - ก.ย. ๖๖" not in " ".join(unknown_row)


def test_the_export_and_open_data_leave_the_period_empty(client, plan):
    rows = plan_sheet_rows(plan)
    period = HEADERS.index("ระยะเวลาดำเนินการ")
    assert [row[period] for row in rows[1:]] == ["", KNOWN]

    body = client.get(reverse("reports:open-data-csv", args=["noperiod", 2566])).text
    header, *lines = csv.reader(io.StringIO(body.lstrip("\ufeff")))
    start, end = header.index("เดือนเริ่มดำเนินการ"), header.index("เดือนสิ้นสุด")
    assert [(line[start], line[end]) for line in lines] == [("", ""), ("2022-10", "2023-03")]

    json_url = reverse("reports:open-data-json", args=["noperiod", 2566])
    first = json.loads(client.get(json_url).content)["measures"][0]
    assert (first["period_start"], first["period_end"]) == (None, None)
    api = client.get(reverse("api:measures", args=["noperiod", 2566]))
    assert api.status_code == 200 and api.json()["items"][0]["period_start"] is None


def test_the_dashboard_counts_a_measure_of_unknown_period_by_its_deadline_alone(plan):
    figures = dashboard_figures(
        organisation=plan.organisation, fiscal_year=2566, today=date(2023, 2, 1)
    )
    assert figures.overdue_count == 1  # the dated one; the other has no deadline
    assert figures.overall.total == 2
