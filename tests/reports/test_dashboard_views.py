"""The dashboard page: who may see it, what it shows, where its figures lead, what it costs."""

import html
import re
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from itaportal import thai
from measures.models import Measure, ProgressEntry, Question
from reports import dashboard
from tests.factories import make_member, make_organisation, make_plan, make_unit
from tests.reports.test_dashboard import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def url(known, **params):
    base = reverse("reports:dashboard", args=[known.org.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def signed_in(client, org, role, units=()):
    client.force_login(make_member(org, role, units=units))
    return client


def list_numbers(response):
    return sorted(int(n) for n in re.findall(r'data-measure="(\d+)"', response.text))


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, known):
    response = client.get(url(known))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_member_of_another_organisation_gets_404(client, known):
    other = make_organisation()
    signed_in(client, other, "executive")
    assert client.get(url(known)).status_code == 404
    list_url = reverse("reports:measure-list", args=[known.org.slug])
    assert client.get(list_url).status_code == 404


def test_an_unknown_organisation_gets_404(client, known):
    signed_in(client, known.org, "executive")
    assert client.get("/manage/no-such-org/dashboard/").status_code == 404


@pytest.mark.parametrize("role", ["executive", "coordinator"])
def test_executives_and_coordinators_see_the_whole_organisation(client, known, role):
    signed_in(client, known.org, role)
    response = client.get(url(known, year=2566))
    assert response.status_code == 200
    assert response.context["figures"].overall.total == 12
    assert "มาตรการทั้งหมด" in response.text
    assert ">๑๒</div>" in response.text


def test_staff_see_the_same_dashboard_restricted_to_their_units(client, known):
    signed_in(client, known.org, "staff", units=[known.units[2]])
    response = client.get(url(known))
    figures = response.context["figures"]
    assert figures.overall.total == 4
    assert [c.label for c in figures.by_unit] == ["กองช่าง"]
    assert 'เฉพาะมาตรการของ<span class="unbroken">กองช่าง</span>' in response.text
    assert "สำนักปลัด" not in response.text


def test_the_default_year_is_the_current_fiscal_year(client, known):
    make_plan(known.org, 2567)
    signed_in(client, known.org, "executive")
    response = client.get(url(known))
    assert response.context["year"] == 2566  # 15 June 2023 is in FY 2566
    assert 'href="?year=2567"' in response.text


def test_the_latest_plan_is_shown_when_the_current_year_has_none(client, known, monkeypatch):
    monkeypatch.setattr(dashboard, "today", lambda: date(2025, 1, 1))
    signed_in(client, known.org, "executive")
    assert client.get(url(known)).context["year"] == 2566


@pytest.mark.parametrize("year", ["2599", "abc", "๒๕๙๙"])
def test_a_year_without_a_plan_gets_a_thai_message_not_an_error(client, known, year):
    signed_in(client, known.org, "executive")
    response = client.get(url(known, year=year))
    assert response.status_code == 200
    assert "ไม่มีแผนมาตรการของปีงบประมาณ" in response.text
    assert response.context["year"] == 2566


def test_a_year_in_thai_digits_is_understood(client, known):
    signed_in(client, known.org, "executive")
    response = client.get(url(known, year="๒๕๖๖"))
    assert response.context["year"] == 2566
    assert response.context["problem"] is None


def test_an_organisation_without_a_plan_gets_a_thai_explanation(client):
    org = make_organisation()
    signed_in(client, org, "executive")
    response = client.get(reverse("reports:dashboard", args=[org.slug]))
    assert response.status_code == 200
    assert "ยังไม่มีแผนมาตรการ" in response.text


def test_figures_print_thai_digits_and_buddhist_era_dates(client, known):
    signed_in(client, known.org, "executive")
    text = client.get(url(known)).text
    assert "ข้อมูล ณ วันที่ ๑๕ มิถุนายน พ.ศ. ๒๕๖๖" in text
    assert "๕๐.๐%" in text  # mean percent
    assert "๘๗.๕๐" in text and "ระดับ A" in text  # last year's ITA
    assert "๓๐ เม.ย. ๒๕๖๖" in text  # measure 3's deadline, in the overdue list
    assert "รอบ ๑๒ เดือน" in text


def test_the_navbar_link_leads_a_member_to_their_dashboard(client, known):
    signed_in(client, known.org, "executive")
    response = client.get(reverse("reports:dashboard-home"))
    assert response.url == reverse("reports:dashboard", args=[known.org.slug])


def test_the_navbar_link_sends_a_user_without_organisation_to_my_work(client):
    from tests.factories import make_user

    client.force_login(make_user())
    assert client.get(reverse("reports:dashboard-home")).url == reverse("measures:my-work")


# --- every figure links to the list of exactly the measures it counts ---------------------------


def figure_links(response):
    hrefs = re.findall(r'href="(/manage/[^"]+/measures/\?[^"]*)"', response.text)
    return sorted(set(html.unescape(h) for h in hrefs))


def test_the_overdue_figure_leads_to_the_three_overdue_measures(client, known):
    signed_in(client, known.org, "executive")
    link = client.get(url(known)).context["links"]["overdue"]
    assert list_numbers(client.get(link)) == [2, 3, 4]


def test_the_upcoming_and_pending_figures_lead_to_their_measures(client, known):
    signed_in(client, known.org, "coordinator")
    links = client.get(url(known)).context["links"]
    assert list_numbers(client.get(links["upcoming"])) == [5, 12]
    assert list_numbers(client.get(links["pending"])) == [4, 7]


def test_the_executives_pending_figure_opens_the_review_queue(client, known):
    signed_in(client, known.org, "executive")
    links = client.get(url(known)).context["links"]
    assert links["pending"] == reverse("measures:review-queue", args=[known.org.slug])


@pytest.mark.parametrize("role", ["executive", "staff"])
def test_every_completion_figure_leads_to_a_list_of_as_many_measures(client, known, role):
    signed_in(client, known.org, role, units=[known.units[0]] if role == "staff" else ())
    response = client.get(url(known))
    figures = response.context["figures"]
    rows = [figures.overall, *figures.by_tool, *figures.by_indicator, *figures.by_unit]
    links = figure_links(response)
    for row in rows:
        for status, expected in [
            ("all", row.total),
            ("done", row.done),
            ("in_progress", row.in_progress),
            ("not_started", row.not_started),
        ]:
            if expected:  # every non-empty figure is on the page as a link
                assert row.links[status] in links, (row.label, status)
            assert len(list_numbers(client.get(row.links[status]))) == expected, (row.label, status)


def test_the_eit_bar_leads_to_exactly_the_eit_measures(client, known):
    signed_in(client, known.org, "executive")
    eit = next(c for c in client.get(url(known)).context["figures"].by_tool if c.label == "EIT")
    assert list_numbers(client.get(eit.links["all"])) == [3, 6, 10]
    assert list_numbers(client.get(eit.links["done"])) == [6, 10]


# --- a fixed number of queries whatever the size of the plan --------------------------------------


def build_plan(measure_count):
    """A plan of ``measure_count`` measures, each on two units and two questions with 3 entries."""
    org = make_organisation()
    units = [make_unit(org) for _ in range(4)]
    plan = make_plan(org, 2566)
    questions = list(Question.objects.filter(framework=plan.framework).order_by("order"))
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            number=n,
            title=f"มาตรการ {n}",
            deadline=date(2023, 1 + n % 12, 1),
            all_units=n % 7 == 0,
            period_start=date(2022, 10, 1),
            period_end=date(2023, 9, 1),
        )
        for n in range(1, measure_count + 1)
    )
    Measure.units.through.objects.bulk_create(
        Measure.units.through(measure=m, unit=units[(m.number + k) % 4])
        for m in measures
        for k in (0, 1)
    )
    Measure.questions.through.objects.bulk_create(
        Measure.questions.through(measure=m, question=questions[(m.number * 7 + k) % 88])
        for m in measures
        for k in (0, 40)
    )
    statuses = [("in_progress", 40), ("done", 100), ("not_started", 0)]
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            measure=m,
            done_on=date(2022, 11, 1 + 10 * k),
            description="ทำแล้ว",
            status=statuses[(m.number + k) % 3][0],
            percent=statuses[(m.number + k) % 3][1],
            review_state="submitted" if k == 2 else "approved",
        )
        for m in measures
        for k in range(3)
    )
    return org, units


DASHBOARD_SERVICE_QUERIES = 7
# session, user, membership and its units, plan years, then the service's; staff skip the
# organisation's units (theirs came with the membership); the navbar's memberships, and for
# executives the count of entries waiting for them; the ITA results (history, and the result
# the plan answers, for its weak items).
DASHBOARD_PAGE_QUERIES = {"executive": 16, "staff": 14}
MEASURE_LIST_QUERIES = 13


@pytest.mark.parametrize("size", [5, 50])
def test_the_dashboard_figures_take_the_same_number_of_queries_at_any_size(
    size, django_assert_num_queries
):
    org, _units = build_plan(size)
    with django_assert_num_queries(DASHBOARD_SERVICE_QUERIES):
        figures = dashboard.dashboard_figures(organisation=org, fiscal_year=2566, today=TODAY)
    assert figures.overall.total == size


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("role", ["executive", "staff"])
def test_the_dashboard_page_takes_the_same_number_of_queries_at_any_size(
    client, size, role, django_assert_num_queries
):
    org, units = build_plan(size)
    signed_in(client, org, role, units=units[:2] if role == "staff" else ())
    with django_assert_num_queries(DASHBOARD_PAGE_QUERIES[role]):
        response = client.get(reverse("reports:dashboard", args=[org.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize(
    "query", ["", "?tool=EIT&sort=deadline", "?indicator=9&status=in_progress&sort=-percent"]
)
def test_the_measure_list_takes_the_same_number_of_queries_at_any_size(
    client, size, query, django_assert_num_queries
):
    org, _units = build_plan(size)
    signed_in(client, org, "executive")
    with django_assert_num_queries(MEASURE_LIST_QUERIES):
        response = client.get(reverse("reports:measure-list", args=[org.slug]) + query)
    assert response.status_code == 200


# --- the page guard on the demo organisation: 200 and exactly one <h1> ----------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),  # the demo's emblem
    )
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        call_command("load_demo", "--force", "--without-documents", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", ["coordinator", "executive", "staff.finance"])
@pytest.mark.parametrize(
    "path",
    [
        "dashboard/",
        "dashboard/?year=2566",
        "measures/?year=2566",
        "measures/?tool=EIT&indicator=7&status=in_progress&sort=deadline&overdue=1",
    ],
)
def test_demo_pages_answer_with_one_heading(client, demo, username, path):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(f"/manage/thungdaoruang/{path}")
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.text)) == 1
    assert '<html lang="th">' in response.text


def test_my_work_and_the_navbar_link_to_the_dashboard(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="executive"))
    text = client.get(reverse("measures:my-work")).text
    year = thai.fiscal_year_of(timezone.localdate())  # the demo's current plan
    assert f'href="{reverse("reports:dashboard", args=["thungdaoruang"])}?year={year}"' in text
    assert f'href="{reverse("reports:dashboard", args=["thungdaoruang"])}"' in text
