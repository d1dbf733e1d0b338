"""The filtered measure list behind the dashboard's figures."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def executive(client, known):
    client.force_login(make_member(known.org, "executive"))
    return client


def get(client, known, query=""):
    return client.get(reverse("reports:measure-list", args=[known.org.slug]) + query)


def numbers(response):
    return [int(n) for n in re.findall(r'data-measure="(\d+)"', response.text)]


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, known):
    response = get(client, known)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_without_filters_it_lists_every_measure_in_plan_order(executive, known):
    response = get(executive, known)
    assert numbers(response) == list(range(1, 13))
    assert "พบ ๑๒ มาตรการ" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?tool=EIT", [3, 6, 10]),
        ("?tool=eit", [3, 6, 10]),
        ("?tool=none", [8]),
        ("?indicator=1", [1, 5, 12]),
        ("?indicator=๑๐", [4, 7]),
        ("?indicator=none", [8]),
        ("?status=not_started", [3, 4, 7, 8, 12]),
        ("?status=done&tool=OIT", [11]),
        ("?overdue=1", [2, 3, 4]),
        ("?upcoming=1", [5, 12]),
        ("?pending=1", [4, 7]),
        ("?tool=IIT&overdue=1", [2]),
    ],
)
def test_filters_select_the_measures_the_dashboard_counts(executive, known, query, expected):
    assert sorted(numbers(get(executive, known, query))) == expected


def test_the_unit_filter_includes_all_units_measures(executive, known):
    c = known.units[2]
    assert sorted(numbers(get(executive, known, f"?unit={c.pk}"))) == [4, 5, 7, 10]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?tool=XYZ", "ไม่รู้จักเครื่องมือการประเมิน"),
        ("?indicator=99", "ไม่มีตัวชี้วัดที่ “๙๙”"),
        ("?indicator=abc", "ไม่มีตัวชี้วัดที่"),
        ("?unit=abc", "ไม่พบสำนัก/กองที่เลือก"),
        ("?unit=999999", "ไม่พบสำนัก/กองที่เลือก"),
        ("?status=finished", "ไม่รู้จักสถานะที่เลือก"),
        ("?sort=title;drop", "ไม่รู้จักวิธีเรียงที่เลือก"),
        ("?year=1999", "ไม่มีแผนมาตรการของปีงบประมาณ"),
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_thai_message(executive, known, query, message):
    response = get(executive, known, query)
    assert response.status_code == 200
    assert message in response.text
    assert len(numbers(response)) == 12


def test_sorting_by_deadline_puts_measures_without_one_last(executive, known):
    assert numbers(get(executive, known, "?sort=deadline")) == [
        1,
        3,
        2,
        4,
        11,
        12,
        5,
        6,
        10,
        7,
        9,
        8,
    ]
    assert numbers(get(executive, known, "?sort=-deadline"))[-1] == 8


def test_sorting_by_status_and_percent(executive, known):
    by_status = numbers(get(executive, known, "?sort=status"))
    assert sorted(by_status[:5]) == [3, 4, 7, 8, 12]
    assert sorted(by_status[-5:]) == [1, 6, 9, 10, 11]
    assert sorted(numbers(get(executive, known, "?sort=-percent"))[:5]) == [1, 6, 9, 10, 11]


def test_a_column_header_sorts_and_a_second_click_reverses(executive, known):
    response = get(executive, known, "?sort=deadline&tool=EIT")
    header = response.context["header_links"]["deadline"]
    assert "sort=-deadline" in header and "tool=EIT" in header


def test_filters_stay_in_the_url_of_the_sort_links(executive, known):
    response = get(executive, known, "?tool=OIT&overdue=1")
    for _key, _label, url in response.context["sort_options"]:
        assert "tool=OIT" in url and "overdue=1" in url and "year=2566" in url


def test_an_htmx_request_gets_only_the_table(executive, known):
    response = executive.get(
        reverse("reports:measure-list", args=[known.org.slug]) + "?tool=EIT",
        headers={"HX-Request": "true"},
    )
    assert "<h1" not in response.text and "<html" not in response.text
    assert sorted(numbers(response)) == [3, 6, 10]


def test_overdue_measures_are_marked_in_thai(executive, known):
    response = get(executive, known, "?overdue=1")
    assert response.text.count("เกินกำหนด</div>") == 3
    assert "๓๑ พ.ค. ๒๕๖๖" in response.text  # measure 2's deadline
    assert "i๘" in response.text  # measure 2's question code


def test_staff_see_only_their_units_measures_and_cannot_filter_by_another_unit(client, known):
    a, _b, c = known.units
    client.force_login(make_member(known.org, "staff", units=[c]))
    assert sorted(numbers(get(client, known))) == [4, 5, 7, 10]
    response = get(client, known, f"?unit={a.pk}")
    assert "ไม่พบสำนัก/กองที่เลือก" in response.text
    assert sorted(numbers(response)) == [4, 5, 7, 10]


def test_each_measure_links_to_its_page(executive, known):
    response = get(executive, known, "?tool=EIT")
    for number in (3, 6, 10):
        pk = known.measures[number].pk
        assert reverse("measures:measure-detail", args=[known.org.slug, pk]) in response.text


def test_staff_without_a_unit_see_only_all_units_measures(client, known):
    client.force_login(make_member(known.org, "staff"))
    assert numbers(get(client, known)) == [4]
