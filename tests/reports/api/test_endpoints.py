"""The API's endpoints answer with public data only: announced plans, measures in force,
approved progress of published rounds, published documents."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_entry, make_measure, make_organisation, make_publication

pytestmark = pytest.mark.django_db


def test_organisations_lists_an_organisation_with_its_public_page(client, published):
    body = client.get("/api/v1/organisations/").json()
    banna = next(item for item in body["items"] if item["slug"] == "banna")
    assert banna["name_th"] == "องค์การบริหารส่วนตำบลบ้านนา"
    assert banna["kind_th"] == "องค์การบริหารส่วนตำบล"
    assert banna["url"] == "http://testserver/banna/"
    assert body["count"] >= 1


def test_organisations_filter_by_province_and_kind(client, published):
    make_organisation(slug="town-in-khonkaen", province="ขอนแก่น", kind="town")
    make_organisation(slug="sao-elsewhere", province="เลย")

    def slugs(query):
        return {o["slug"] for o in client.get(f"/api/v1/organisations/?{query}").json()["items"]}

    assert slugs("province=ขอนแก่น") == {"town-in-khonkaen", "banna"}
    assert slugs("province=ขอนแก่น&kind=sao") == {"banna"}


def test_an_unknown_kind_is_refused_without_an_error_page(client, published):
    assert client.get("/api/v1/organisations/?kind=castle").status_code == 422


def test_an_unknown_organisation_answers_404_in_thai_and_english(client):
    response = client.get("/api/v1/organisations/nowhere/")
    assert response.status_code == 404
    assert response.json()["detail_th"] == "ไม่พบข้อมูล"
    assert response.json()["detail_en"] == "Not found"


def test_plans_lists_the_announced_plan_only(client, published):
    body = client.get("/api/v1/organisations/banna/plans/").json()
    assert [(p["fiscal_year"], p["measure_count"]) for p in body] == [(2566, 1)]
    assert body[0]["framework_year"] == 2565


def test_measures_come_with_their_questions_and_units_and_without_withdrawn_ones(client, published):
    body = client.get("/api/v1/organisations/banna/plans/2566/measures/").json()
    assert [m["title"] for m in body["items"]] == ["เปิดเผยข้อมูลการจัดซื้อจัดจ้าง"]
    measure = body["items"][0]
    assert [q["code"] for q in measure["questions"]] == ["O42"]
    assert measure["units"] == ["กองคลัง"]


def test_a_plan_neither_announced_nor_published_is_not_found(client, published):
    for what in ("measures", "progress"):
        assert client.get(f"/api/v1/organisations/banna/plans/2567/{what}/").status_code == 404


def test_progress_shows_only_approved_entries_of_published_rounds(client, published):
    body = client.get("/api/v1/organisations/banna/plans/2566/progress/").json()
    assert [e["description"] for e in body["items"]] == ["ผลที่อนุมัติและเผยแพร่แล้ว"]
    assert body["items"][0]["rounds"] == [6, 12]


def test_nothing_private_appears_anywhere_in_the_api(client, published):
    texts = "".join(
        client.get(url).text
        for url in (
            "/api/v1/organisations/banna/plans/",
            "/api/v1/organisations/banna/plans/2566/measures/",
            "/api/v1/organisations/banna/plans/2566/progress/",
            "/api/v1/organisations/banna/documents/",
        )
    )
    for private in ("draft", "waiting", "returned", "unpublished", "withdrawn"):
        assert published["entries"][private].description not in texts
    assert "มาตรการที่ถอนแล้ว" not in texts
    assert "มาตรการของแผนที่ยังไม่ประกาศ" not in texts and "2567" not in texts


def test_documents_lists_each_published_document_with_its_checksum_and_stable_url(
    client, published
):
    items = client.get("/api/v1/organisations/banna/documents/").json()["items"]
    assert [(d["kind"], d["sha256"], d["size"]) for d in items] == [
        ("measures", "a" * 64, 1234),
        ("progress-6", "b" * 64, 2345),
    ]
    assert items[0]["url"] == "http://testserver/banna/2566/measures.pdf"
    assert items[1]["revision_url"] == "http://testserver/banna/2566/progress-6/1.pdf"
    assert all(d["latest"] and d["fiscal_year"] == 2566 for d in items)


def test_frameworks_list_the_years_and_one_year_gives_its_questions(client):
    years = [f["fiscal_year"] for f in client.get("/api/v1/frameworks/").json()]
    assert {2565, 2566, 2569} <= set(years)
    framework = client.get("/api/v1/frameworks/2565/").json()
    assert [t["code"] for t in framework["tools"]] == ["IIT", "EIT", "OIT"]
    o42 = next(q for q in framework["questions"] if q["code"] == "O42")
    assert (o42["tool"], o42["indicator"], o42["sub_indicator"]) == ("OIT", 10, "10.2")
    assert o42["answered_by"] == [
        {"document": "analysis", "fiscal_year_offset": 0},
        {"document": "measures", "fiscal_year_offset": 0},
    ]
    assert client.get("/api/v1/frameworks/2400/").status_code == 404


def test_measures_take_the_same_queries_for_two_measures_or_twenty(
    client, published, django_assert_max_num_queries
):
    url = "/api/v1/organisations/banna/plans/2566/measures/"
    with django_assert_max_num_queries(7):
        assert len(client.get(url).json()["items"]) == 1
    for number in range(3, 23):
        make_measure(published["plan"], number=number, units=[published["measure"].units.get()])
    with django_assert_max_num_queries(7):
        assert len(client.get(url).json()["items"]) == 21


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/",
        "/api/v1/organisations/banna/plans/2566/progress/",
        "/api/v1/organisations/banna/documents/",
    ],
)
def test_list_endpoints_take_the_same_queries_whatever_the_size(
    client, published, django_assert_num_queries, url
):
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    plan, measure = published["plan"], published["measure"]
    for n in range(15):
        make_organisation()
        make_entry(measure, date(2023, 1, 1 + n), review_state="approved", description=f"ผล {n}")
        make_publication(plan, kind="progress-6", revision=2 + n)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
