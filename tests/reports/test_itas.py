"""The ITAS answer sheet lists, per OIT item, the stable URL of the published document the
catalog maps to it: for 2565 the year's measures (O42) and 6-month report (O43), for 2569 the
year's analysis and measures (O25) and the previous year's 12-month report (O26)."""

import csv
import io

import pytest

from measures.models import Framework
from tests.factories import make_organisation, make_plan, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    org = make_organisation(slug="banna", short_name="อบต.บ้านนา")
    plans = {year: make_plan(org, year) for year in (2565, 2568, 2569)}
    make_publication(plans[2565], kind="measures", sha256="1" * 64)
    make_publication(plans[2565], kind="measures", revision=2, sha256="2" * 64)
    make_publication(plans[2565], kind="progress-6", sha256="3" * 64)
    make_publication(plans[2568], kind="progress-12", sha256="4" * 64)
    make_publication(plans[2569], kind="measures", sha256="5" * 64)
    make_publication(plans[2569], kind="analysis", sha256="7" * 64)
    # The 2569 plan's own 12-month report belongs to the 2570 assessment, not to O26 of 2569.
    make_publication(plans[2569], kind="progress-12", sha256="6" * 64)
    return org


def answered(year, client):
    body = client.get(f"/api/v1/organisations/banna/itas/{year}/").json()
    return {
        item["code"]: [(a["url"], a["revision"]) for a in item["answers"]]
        for item in body["items"]
        if item["status"] == "answered"
    }


def test_2565_lists_the_measures_under_o42_and_the_6_month_report_under_o43(client, org):
    assert answered(2565, client) == {
        # The analysis leading into 2565 is mapped too, and not published.
        "O42": [(None, None), ("http://testserver/banna/2565/measures.pdf", 2)],
        "O43": [("http://testserver/banna/2565/progress-6.pdf", 1)],
    }


def test_2569_lists_the_analysis_and_the_measures_under_o25_and_last_years_report_under_o26(
    client, org
):
    assert answered(2569, client) == {
        "O25": [
            ("http://testserver/banna/2569/analysis.pdf", 1),
            ("http://testserver/banna/2569/measures.pdf", 1),
        ],
        "O26": [("http://testserver/banna/2568/progress-12.pdf", 1)],
    }


def test_items_the_portal_cannot_answer_are_listed_as_such(client, org):
    body = client.get("/api/v1/organisations/banna/itas/2566/").json()
    statuses = {item["code"]: item["status"] for item in body["items"]}
    assert len(statuses) == Framework.objects.get(fiscal_year=2566).questions.count()
    # Mapped, but the organisation has no 2566 plan published.
    assert statuses["O42"] == statuses["O43"] == "not-published"
    assert statuses["O1"] == "not-answerable"
    o1 = next(item for item in body["items"] if item["code"] == "O1")
    assert o1["status_th"] == "ระบบไม่ได้จัดทำเอกสารสำหรับข้อนี้" and o1["answers"] == []


def test_the_page_shows_the_stable_urls_and_the_items_left_to_the_organisation(client, org):
    response = client.get("/banna/itas/2569/")
    assert response.status_code == 200
    html = response.text
    assert "http://testserver/banna/2569/measures.pdf" in html
    assert "http://testserver/banna/2568/progress-12.pdf" in html
    assert "http://testserver/banna/2569/progress-12.pdf" not in html
    left_to_organisation = html.split("ข้อที่ระบบไม่ได้จัดทำเอกสาร")[1]
    assert "O24" in left_to_organisation and "O25" not in left_to_organisation
    assert "ลิงก์ตอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. ๒๕๖๙" in html


def test_the_organisation_page_links_to_each_years_sheet(client, org):
    assert 'href="/banna/itas/2569/"' in client.get("/banna/").text


def test_the_csv_has_one_row_per_answer_with_its_url(client, org):
    response = client.get("/banna/itas/2565/answers.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "ข้อ" and rows[0][-1] == "URL"
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["O42"][-2:] == ["2", "http://testserver/banna/2565/measures.pdf"]
    assert by_code["O1"][2] == "ระบบไม่ได้จัดทำเอกสารสำหรับข้อนี้" and by_code["O1"][-1] == ""
    assert len(rows) == 1 + 43 + 1  # O42 has two answers: the analysis and the measures


@pytest.mark.parametrize(
    "url",
    ["/banna/itas/2400/", "/banna/itas/2400/answers.csv", "/api/v1/organisations/banna/itas/2400/"],
)
def test_a_year_without_a_framework_is_not_found(client, org, url):
    assert client.get(url).status_code == 404


def test_the_sheet_takes_a_fixed_number_of_queries(client, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/api/v1/organisations/banna/itas/2565/")
