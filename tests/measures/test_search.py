"""Member search: /manage/<slug>/search/ finds Thai words inside unspaced text, within what
the member's units may see, kept in step by the services that save."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from measures import members, services
from measures.models import SearchDocument
from measures.search import services as search_services
from measures.search.indexing import search_organisation_reindex
from measures.search.words import Segmenter, name_pieces
from tests.factories import make_entry
from tests.people import PASSWORD, world

pytestmark = pytest.mark.django_db

# One unspaced run: the word ชี้แจง sits in the middle of it.
RUN = "คณะทำงานจัดประชุมชี้แจงแนวทางการเปิดเผยข้อมูลสาธารณะให้ประชาชนในพื้นที่"


@pytest.fixture
def w():
    return world()


def _search(client, user, slug, q):
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("measures:search", args=[slug]), {"q": q})


def _record(measure, author, description, **fields):
    return services.entry_create(
        measure=measure,
        author=author,
        done_on=date(2022, 11, 15),
        description=description,
        status="in_progress",
        percent=20,
        **fields,
    )


def test_an_outsider_finds_nothing_of_another_organisation_not_even_the_page(client, w):
    _record(w.measure, w.staff, RUN)
    response = _search(client, w.outsider, w.org.slug, "ชี้แจง")
    assert response.status_code == 404
    assert "ชี้แจง" not in response.text


def test_a_word_inside_an_unspaced_run_finds_the_entrys_measure(client, w):
    _record(w.measure, w.staff, RUN)
    response = _search(client, w.staff, w.org.slug, "ชี้แจง")
    assert response.status_code == 200
    assert w.measure.title in response.text
    assert "<mark>ชี้แจง</mark>" in response.text


def test_a_word_that_is_not_a_whole_word_of_the_run_finds_nothing(client, w):
    # ระชุม is a piece of ประชุม, not a word: substring matching would wrongly find it.
    _record(w.measure, w.staff, RUN)
    response = _search(client, w.staff, w.org.slug, "ระชุม")
    assert "ไม่พบรายการ" in response.text


def test_thai_and_arabic_digits_find_each_other(client, w):
    _record(w.measure, w.staff, "จัดอบรมเจ้าหน้าที่ ๑๒ ครั้ง ตามแผนปี 2566")
    assert w.measure.title in _search(client, w.staff, w.org.slug, "12 ครั้ง").text
    assert w.measure.title in _search(client, w.staff, w.org.slug, "๒๕๖๖").text


def test_staff_never_find_what_their_units_may_not_see(client, w):
    _record(w.measure, w.staff, "ตรวจรับพัสดุครุภัณฑ์สำนักงาน")
    _record(w.measure_works, w.staff_other_unit, "ตรวจรับงานซ่อมถนนและครุภัณฑ์")
    own = _search(client, w.staff, w.org.slug, "ครุภัณฑ์").text
    assert w.measure.title in own
    assert w.measure_works.title not in own
    assert "ซ่อมถนน" not in own
    everything = _search(client, w.coordinator, w.org.slug, "ครุภัณฑ์").text
    assert w.measure.title in everything and w.measure_works.title in everything


def test_evidence_names_and_links_are_found(client, w):
    link = services.Link(url="https://example.org/report.pdf", title="ภาพถ่ายกิจกรรมรณรงค์")
    _record(w.measure, w.staff, "ดำเนินการแล้ว", links=[link])
    response = _search(client, w.staff, w.org.slug, "รณรงค์")
    assert w.measure.title in response.text


def test_what_was_typed_is_escaped_and_only_the_marks_are_html(client, w):
    _record(w.measure, w.staff, "<script>alert(1)</script> ประชุมคณะกรรมการ")
    response = _search(client, w.staff, w.org.slug, "ประชุม")
    assert "&lt;script&gt;" in response.text
    assert "<script>alert" not in response.text
    assert "<mark>ประชุม</mark>" in response.text


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR", "NEAR(a b)", "%", "'", "x' OR 1=1 --", 'a" OR "b', "ก*", "-"]
)
def test_queries_that_look_like_query_syntax_answer_200(client, w, query):
    _record(w.measure, w.staff, RUN)
    response = _search(client, w.coordinator, w.org.slug, query)
    assert response.status_code == 200


def test_an_empty_or_too_long_query_gets_a_thai_message(client, w):
    assert "กรุณาพิมพ์คำที่ต้องการค้นหา" in _search(client, w.staff, w.org.slug, " ").text
    long = _search(client, w.staff, w.org.slug, "ประชุม" * 100)
    assert long.status_code == 200
    assert "คำค้นยาวเกินไป" in long.text


def test_a_changed_entry_is_found_by_its_new_words_and_no_longer_by_its_old(client, w):
    entry = _record(w.measure, w.staff, "ปรับปรุงเว็บไซต์")
    services.entry_update(entry=entry, version=entry.version, description="ติดตั้งกล้องวงจรปิด")
    assert w.measure.title in _search(client, w.staff, w.org.slug, "ติดตั้ง").text
    assert "ไม่พบรายการ" in _search(client, w.staff, w.org.slug, "เว็บไซต์").text


def test_a_deleted_measure_takes_its_rows_with_it(w):
    services.measure_update(measure=w.measure, version=w.measure.version, issue="ความโปร่งใส")
    _record(w.measure, w.staff, RUN)
    assert SearchDocument.objects.filter(measure=w.measure).count() == 2
    measure = type(w.measure).objects.get(pk=w.measure.pk)
    services.measure_delete(measure=measure, version=measure.version)
    assert not SearchDocument.objects.filter(measure_id=w.measure.pk).exists()


def test_a_new_unit_is_found_by_its_name(client, w):
    members.unit_create(organisation=w.org, name="กองสาธารณสุขและสิ่งแวดล้อม")
    response = _search(client, w.staff, w.org.slug, "สิ่งแวดล้อม")
    assert "กองสาธารณสุขและ<mark>สิ่งแวดล้อม</mark>" in response.text


def test_reindex_command_indexes_data_saved_without_the_services(client, w):
    make_entry(w.measure, date(2022, 12, 1), description="ประเมินความพึงพอใจผู้รับบริการ")
    assert "ไม่พบรายการ" in _search(client, w.staff, w.org.slug, "ประเมิน").text
    call_command("search_reindex", org=w.org.slug, verbosity=0)
    assert w.measure.title in _search(client, w.staff, w.org.slug, "ประเมิน").text
    assert not SearchDocument.objects.filter(organisation=w.other).exists()


def test_an_organisations_names_stay_one_word_and_their_parts_still_match():
    segmenter = Segmenter(name_pieces("อบต.ทุ่งดาวเรือง"))
    assert "ทุ่งดาวเรือง" in segmenter.words("ประชาชนตำบลทุ่งดาวเรืองร่วมประชุม")
    indexed = segmenter.indexed("ประชาชนตำบลทุ่งดาวเรืองร่วมประชุม").split()
    assert {"ทุ่งดาวเรือง", "ดาวเรือง", "ประชุม"} <= set(indexed)
    # The shared dictionary gives the name back after use.
    assert "ทุ่งดาวเรือง" not in Segmenter().words("ทุ่งดาวเรือง")


def test_member_search_reads_the_same_number_of_queries_whatever_it_finds(
    client, w, django_assert_max_num_queries
):
    for n in range(3):
        _record(w.measure, w.staff, f"ประชุมครั้งที่ {n}")
    search_organisation_reindex(organisation=w.org)
    client.login(username=w.coordinator.username, password=PASSWORD)
    url = reverse("measures:search", args=[w.org.slug])
    with django_assert_max_num_queries(14):
        client.get(url, {"q": "ประชุม"})


def test_a_measure_shows_its_best_hits_and_links_to_the_rest(client, w):
    for n in range(5):
        _record(w.measure, w.staff, f"ตรวจสอบบัญชีครั้งที่ {n}")
    response = _search(client, w.staff, w.org.slug, "บัญชี")
    assert response.text.count("<mark>บัญชี</mark>") == search_services.HITS_PER_GROUP == 3
    assert "และอีก ๒ รายการในมาตรการนี้" in response.text
    assert "พบ ๕ รายการ ใน ๑ กลุ่ม" in response.text


def test_groups_come_in_pages(client, w, monkeypatch):
    monkeypatch.setattr(search_services, "GROUPS_PER_PAGE", 1)
    _record(w.measure, w.staff, "จัดทำคู่มือการปฏิบัติงาน")
    _record(w.measure_works, w.staff_other_unit, "แจกคู่มือประชาชน")
    first = _search(client, w.coordinator, w.org.slug, "คู่มือ").text
    assert "หน้า ๑ / ๒" in first and "page=2" in first
    second = client.get(reverse("measures:search", args=[w.org.slug]), {"q": "คู่มือ", "page": 2})
    shown = {w.measure.title in first, w.measure.title in second.text}
    assert shown == {True, False}


def test_past_the_cap_the_best_ranked_of_those_found_comes_first_and_the_page_says_so(
    client, w, monkeypatch
):
    monkeypatch.setattr(search_services, "MAX_HITS", 2)
    _record(w.measure, w.staff, "อบรมครั้งแรก")
    _record(w.measure, w.staff, "อบรมอบรมอบรมต่อเนื่อง")
    _record(w.measure, w.staff, "อบรมครั้งสุดท้าย")
    text = _search(client, w.staff, w.org.slug, "อบรม").text
    assert "พบมากกว่า ๒ รายการ จึงแสดงเพียง ๒ รายการแรกที่พบ" in text
    passages = text.split('class="search-passage"')[1:]
    assert len(passages) == 2
    assert "ต่อเนื่อง" in passages[0]
