"""Public search at /search/: only what is public, across organisations, by province and year."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import ProgressEntry, SearchDocument
from measures.search.indexing import search_organisation_reindex
from reports import public_search
from reports.public_search import search_documents_reindex
from tests.factories import (
    make_entry,
    make_measure,
    make_organisation,
    make_plan,
    make_publication,
)

pytestmark = pytest.mark.django_db
Review = ProgressEntry.Review


@pytest.fixture
def town():
    """One organisation with one of each: public and not. Every text holds ประชุม and a word of
    its own, so a search for ประชุม shows exactly what is public."""
    org = make_organisation(slug="nongbua", province="อุดรธานี")
    plan = make_plan(org, 2566, announced_on=date(2022, 10, 20))
    measure = make_measure(plan, number=1, title="ประชุมเปิดเผยข้อมูลสาธารณะ")
    make_publication(plan, kind="progress-6", title="รายงานผลการดำเนินการรอบหกเดือน")
    first_half, second_half = date(2022, 12, 1), date(2023, 6, 1)
    for word, state, on in [
        ("อนุมัติ", Review.APPROVED, first_half),  # approved, 6-month report published
        ("ร่าง", Review.DRAFT, first_half),
        ("รอ", Review.SUBMITTED, first_half),
        ("ส่งกลับ", Review.RETURNED, first_half),
        ("ครึ่งหลัง", Review.APPROVED, second_half),  # its round's report is not published
    ]:
        make_entry(measure, on, description=f"ประชุมคณะทำงาน{word}", review_state=state)
    withdrawn = make_measure(plan, number=2, title="ประชุมถอนมาตรการ")
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.save()
    draft_plan = make_plan(org, 2567)  # neither announced nor published
    make_measure(draft_plan, number=1, title="ประชุมแผนยังไม่ประกาศ")
    search_organisation_reindex(organisation=org)
    search_documents_reindex(organisations=[org])
    return org


def _search(client, **params):
    return client.get(reverse("reports:search"), params)


def test_the_public_finds_announced_measures_and_approved_progress_of_published_rounds(
    client, town
):
    text = _search(client, q="ประชุม").text
    assert "ประชุมเปิดเผยข้อมูลสาธารณะ" in text
    assert "คณะทำงานอนุมัติ" in text


@pytest.mark.parametrize(
    "hidden",
    ["คณะทำงานร่าง", "คณะทำงานรอ", "คณะทำงานส่งกลับ", "คณะทำงานครึ่งหลัง", "ถอนมาตรการ", "ยังไม่ประกาศ"],
)
def test_the_public_never_finds_drafts_waiting_returned_or_unpublished_content(
    client, town, hidden
):
    assert hidden not in _search(client, q="ประชุม").text


def test_an_unpublished_round_shows_once_its_report_is_published(client, town):
    make_publication(town.plans.get(fiscal_year=2566), kind="progress-12")
    assert "คณะทำงานครึ่งหลัง" in _search(client, q="ประชุม").text
    assert "คณะทำงานร่าง" not in _search(client, q="ประชุม").text


def test_published_documents_are_found_by_their_title(client, town):
    response = _search(client, q="หกเดือน")
    assert response.status_code == 200
    assert reverse("reports:publication", args=["nongbua", 2566, "progress-6"]) in response.text


def test_a_document_prints_its_year_in_thai_digits_and_is_found_by_either(client, town):
    url = reverse("reports:publication", args=["nongbua", 2566, "progress-6"])
    for year in ("2566", "๒๕๖๖"):
        response = _search(client, q=f"หกเดือน {year}")
        assert url in response.text, year
        assert "ปีงบประมาณ <mark>๒๕๖๖</mark>" in response.text, year


def test_province_and_fiscal_year_filter_across_organisations(client, town):
    elsewhere = make_organisation(slug="chiangkhan", province="เลย")
    plan = make_plan(elsewhere, 2566, announced_on=date(2022, 10, 20))
    make_measure(plan, number=1, title="ประชุมประชาคมหมู่บ้าน")
    search_organisation_reindex(organisation=elsewhere)
    both = _search(client, q="ประชุม").text
    assert "ประชุมประชาคมหมู่บ้าน" in both and "ประชุมเปิดเผยข้อมูลสาธารณะ" in both
    loei = _search(client, q="ประชุม", province="เลย").text
    assert "ประชุมประชาคมหมู่บ้าน" in loei and "ประชุมเปิดเผยข้อมูลสาธารณะ" not in loei
    assert "ไม่พบรายการ" in _search(client, q="ประชุม", year="๒๕๖๗").text
    assert "ประชุมประชาคมหมู่บ้าน" in _search(client, q="ประชุม", year="๒๕๖๖").text


def test_results_come_in_pages(client, town):
    plan = town.plans.get(fiscal_year=2566)
    for n in range(3, 25):
        make_measure(plan, number=n, title=f"ประชุมย่อยครั้งที่ {n}")
    search_organisation_reindex(organisation=town)
    first = _search(client, q="ประชุม")
    assert "หน้า ๑ / ๒" in first.text
    assert "page=2" in first.text
    assert _search(client, q="ประชุม", page="99999999999999999999").status_code == 200


@pytest.mark.parametrize("query", ['"', "*", "NEAR", "%", "'", "ประชุม' OR '1'='1", 'x" NEAR "y'])
def test_queries_that_look_like_query_syntax_answer_200(client, town, query):
    assert _search(client, q=query).status_code == 200


def test_an_empty_query_a_too_long_one_and_a_bad_year_get_a_thai_message(client, town):
    assert "กรุณาพิมพ์คำที่ต้องการค้นหา" in _search(client, q="").text
    assert "คำค้นยาวเกินไป" in _search(client, q="ก" * 500).text
    assert "ปีงบประมาณ" in _search(client, q="ประชุม", year="๙๙๙๙").text


def test_past_the_cap_the_best_ranked_of_those_found_comes_first_and_the_page_says_so(
    client, town, monkeypatch
):
    monkeypatch.setattr(public_search, "CANDIDATES", 2)
    plan = town.plans.get(fiscal_year=2566)
    make_measure(plan, number=3, title="ประชุมประชุมประชุมสภาท้องถิ่น")
    search_organisation_reindex(organisation=town)
    text = _search(client, q="ประชุม").text
    assert "พบมากกว่า ๒ รายการ จึงแสดงเพียง ๒ รายการแรกที่พบ" in text
    hits = text.split('class="card mb-2 search-hit"')[1:]
    assert len(hits) == 2
    assert "ประชุมประชุมประชุมสภาท้องถิ่น" in hits[0]


def test_below_the_cap_the_page_counts_what_it_found(client, town):
    assert "พบ ๒ รายการ" in _search(client, q="ประชุม").text


def test_reindexing_published_documents_takes_the_same_queries_for_one_organisation_or_two(
    town,
):
    elsewhere = make_organisation(slug="chiangkhan", province="เลย")
    make_publication(make_plan(elsewhere, 2566), kind="measures", title="ประกาศมาตรการ")
    with CaptureQueriesContext(connection) as one:
        assert search_documents_reindex(organisations=[town]) == 1
    with CaptureQueriesContext(connection) as two:
        assert search_documents_reindex(organisations=[town, elsewhere]) == 2
    assert len(one.captured_queries) == len(two.captured_queries)
    titles = SearchDocument.objects.filter(kind="document").values_list("title", flat=True)
    assert sorted(titles) == ["ประกาศมาตรการ", "รายงานผลการดำเนินการรอบหกเดือน"]
