"""The dashboard's ITA panels: the history of the results as a chart with its table, and the
weak items of the result the plan answers with the measures that answer them."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import ItaResult, Membership
from reports import dashboard
from reports.ita_history import ita_history
from tests.factories import make_entry, make_measure, make_member, make_organisation, make_plan
from tests.measures.results.test_analysis import saved_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db, monkeypatch):
    monkeypatch.setattr(dashboard, "today", lambda: date(2023, 3, 1))
    org = make_organisation(slug="banpawat")
    # The year before only as NACC announced it: a total and a rating, no indicator scores.
    ItaResult.objects.create(organisation=org, fiscal_year=2564, total_score=Decimal("72.10"))
    saved_result(org, 2565)
    return org


def page(client, org, year=None):
    client.force_login(make_member(org, Membership.Role.EXECUTIVE))
    query = f"?year={year}" if year else ""
    return client.get(reverse("reports:dashboard", args=[org.slug]) + query).text


def test_two_years_give_the_total_a_line_and_a_table_with_both_years(client, org):
    make_plan(org, 2566)
    html = page(client, org)
    chart = html.split('class="history-chart"')[1].split("</svg>")[0]
    # The total is a line through both years; each indicator a point in the year it is known.
    assert len(re.findall(r"<polyline points=\"[\d.]+,[\d.]+ [\d.]+,[\d.]+\"", chart)) == 1
    assert chart.count("<circle") == 2 + 10
    assert "<title>คะแนนรวม: ๗๒.๑๐</title>" in chart and "<title>คะแนนรวม: ๗๙.๘๗</title>" in chart
    assert "style=" not in chart and "<script" not in chart
    table = html.split("<caption>คะแนนผลการประเมิน ITA รายปี</caption>")[1].split("</table>")[0]
    assert "ปี ๒๕๖๔" in table and "ปี ๒๕๖๕" in table
    total_row = table.split("คะแนนรวม</th>")[1].split("</tr>")[0]
    assert re.findall("[๐-๙.]+", total_row) == ["๗๒.๑๐", "๗๙.๘๗"]
    indicator_10 = table.split("ตัวชี้วัดที่ ๑๐")[1].split("</tr>")[0]
    assert "–" in indicator_10 and "๖๒.๕๐" in indicator_10


def test_the_chart_puts_the_higher_score_higher(org):
    history = ita_history(organisation=org)
    total = history.series[0]
    indicator_10 = next(s for s in history.series if s.label.startswith("ตัวชี้วัดที่ ๑๐"))
    assert total.points[1][1] < indicator_10.points[0][1]  # 79.87 above 62.50
    assert total.points[1][1] < total.points[0][1]  # 79.87 above 72.10
    assert [x for x, _y, _v in total.points] == [x for x, _year in history.x_ticks]


def test_an_organisation_without_results_shows_no_history(client):
    org = make_organisation(slug="banmaimi")
    make_plan(org, 2566)
    assert ita_history(organisation=org) is None
    assert "ประวัติผลการประเมิน ITA" not in page(client, org)


def test_weak_items_list_the_measures_that_answer_them_and_their_progress(client, org):
    plan = make_plan(org, 2566)
    measure = make_measure(plan, number=3, title="เปิดเผยรายงานการใช้จ่ายงบประมาณ")
    measure.questions.add(plan.framework.questions.get(code="O20"))
    make_entry(measure, date(2022, 12, 1), percent=40, review_state="approved")
    html = page(client, org, 2566)
    section = html.split('aria-labelledby="weak-heading"')[1].split("</section>")[0]
    assert "ข้อที่ต้องพัฒนาจากผลการประเมินปี ๒๕๖๕ และมาตรการที่ตอบ" in section
    o20 = section.split("O๒๐ รายงานผลการใช้จ่ายงบประมาณประจำปี")[1].split("</tr>")[0]
    assert "มาตรการที่ ๓" in o20 and "อยู่ระหว่างดำเนินการ ๔๐%" in o20
    o42 = section.split("O๔๒ ")[1].split("</tr>")[0]
    assert "ยังไม่มีมาตรการตอบ" in o42
