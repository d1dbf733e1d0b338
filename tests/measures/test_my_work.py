from datetime import date

import pytest
from django.urls import reverse

from tests.factories import (
    make_entry,
    make_measure,
    make_member,
    make_organisation,
    make_plan,
    make_unit,
)

pytestmark = pytest.mark.django_db
URL = "/my-work/"


@pytest.fixture
def org_a():
    org = make_organisation(slug="a")
    finance, works = make_unit(org, "กองคลัง"), make_unit(org, "กองช่าง")
    plan = make_plan(org, 2566)
    paid = make_measure(plan, number=1, title="มาตรการของกองคลัง", units=[finance])
    make_entry(paid, date(2023, 2, 1), status="done", percent=100, review_state="approved")
    # A later draft says less: the list shows what was approved.
    make_entry(paid, date(2023, 3, 1), status="in_progress", percent=20)
    make_measure(plan, number=2, title="มาตรการของกองช่าง", units=[works])
    make_measure(plan, number=3, title="มาตรการของทุกกอง", all_units=True)
    return org


def test_my_work_sends_an_anonymous_visitor_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"


def test_staff_see_their_units_measures_and_all_units_ones(client, org_a):
    client.force_login(make_member(org_a, "staff", units=org_a.units.filter(name="กองคลัง")))
    response = client.get(URL)
    assert response.status_code == 200
    assert "มาตรการของกองคลัง" in response.text
    assert "มาตรการของทุกกอง" in response.text
    assert "มาตรการของกองช่าง" not in response.text


def test_the_latest_status_is_shown_in_thai(client, org_a):
    client.force_login(make_member(org_a, "staff", units=org_a.units.filter(name="กองคลัง")))
    response = client.get(URL)
    assert "ดำเนินการแล้ว" in response.text
    assert "๑๐๐% · ๑ ก.พ. ๒๕๖๖" in response.text
    assert "ยังไม่ดำเนินการ" in response.text  # the all-units measure has no entry yet


def test_a_coordinator_sees_every_measure(client, org_a):
    client.force_login(make_member(org_a, "coordinator"))
    response = client.get(URL)
    for title in ("มาตรการของกองคลัง", "มาตรการของกองช่าง", "มาตรการของทุกกอง"):
        assert title in response.text


def test_a_member_of_another_organisation_sees_nothing_of_it(client, org_a):
    other = make_organisation(slug="b")
    client.force_login(make_member(other, "coordinator"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "มาตรการของ" not in response.text


def test_a_user_without_membership_is_told_whom_to_ask(client, db):
    from tests.factories import make_user

    client.force_login(make_user())
    assert "กรุณาติดต่อผู้ประสานงาน" in client.get(URL).text


def test_the_year_in_the_url_picks_the_plan(client, org_a):
    newer = make_plan(org_a, 2567)
    make_measure(newer, title="มาตรการปี ๒๕๖๗", all_units=True)
    client.force_login(make_member(org_a, "coordinator"))
    assert "มาตรการปี ๒๕๖๗" in client.get(URL).text  # the latest year by default
    older = client.get(URL, {"year": "๒๕๖๖"}).text
    assert "มาตรการของกองคลัง" in older and "มาตรการปี ๒๕๖๗" not in older


@pytest.mark.parametrize("year", ["abc", "9999", "", "2566; DROP TABLE"])
def test_a_bad_year_falls_back_to_the_latest(client, org_a, year):
    client.force_login(make_member(org_a, "coordinator"))
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    assert "มาตรการของกองคลัง" in response.text


@pytest.mark.parametrize(
    "role, linked, not_linked",
    [
        ("coordinator", ["reports:documents", "measures:people"], ["measures:review-queue"]),
        ("executive", ["measures:review-queue", "reports:documents"], ["measures:people"]),
        ("staff", [], ["reports:documents", "measures:review-queue", "measures:people"]),
    ],
)
def test_my_work_itself_links_the_pages_of_the_members_role(
    client, org_a, role, linked, not_linked
):
    client.force_login(make_member(org_a, role, units=org_a.units.all()))
    # Below the navbar, which has these links too (on a phone it is folded away).
    main = client.get(URL).text.split("<main", 1)[1]
    for name in linked:
        assert f'href="{reverse(name, args=[org_a.slug])}"' in main, name
    for name in not_linked:
        assert f'href="{reverse(name, args=[org_a.slug])}"' not in main, name
