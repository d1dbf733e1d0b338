import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Framework, MeasurePlan
from tests.factories import make_measure, make_member, make_organisation
from tests.measures.rollover.plans import demo_like_plan
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def rollover_url(plan):
    return reverse(
        "measures:plan-rollover",
        kwargs={"slug": plan.organisation.slug, "year": plan.fiscal_year},
    )


def test_an_outsider_gets_404_and_rolls_nothing_over(client, w):
    client.force_login(w.outsider)

    assert client.get(rollover_url(w.plan)).status_code == 404
    assert client.post(rollover_url(w.plan), {"framework": w.plan.framework_id}).status_code == 404
    assert not MeasurePlan.objects.filter(organisation=w.org, fiscal_year=2567).exists()


@pytest.mark.parametrize("who", ["staff", "executive"])
def test_members_who_are_not_coordinators_may_not_roll_over(client, w, who):
    client.force_login(getattr(w, who))

    assert client.post(rollover_url(w.plan), {"framework": w.plan.framework_id}).status_code == 403
    assert not MeasurePlan.objects.filter(organisation=w.org, fiscal_year=2567).exists()


@pytest.fixture
def demo(db):
    organisation = make_organisation()
    demo = demo_like_plan(
        organisation,
        fiscal_year=2566,
        framework_year=2565,
        codes=[["O10", "O42"], ["e6", "O7"], ["O30"]],
    )
    demo.coordinator = make_member(organisation, "coordinator")
    return demo


def test_the_plan_page_offers_the_rollover_to_coordinators(client, w):
    client.force_login(w.coordinator)

    page = client.get(reverse("measures:plan-edit", args=[w.org.slug, w.plan.fiscal_year])).text

    assert rollover_url(w.plan) in page
    assert "ยกแผนไปปีงบประมาณ ๒๕๖๗" in page


def test_the_confirmation_lists_what_is_copied_and_what_has_no_counterpart(client, demo):
    client.force_login(demo.coordinator)

    response = client.get(rollover_url(demo.plan))

    text = response.text
    assert response.status_code == 200 and text.count("<h1") == 1
    assert "ไปปีงบประมาณ ๒๕๖๗" in text
    assert "มาตรการ ๓" in text and "ขั้นตอน ๒" in text and "การติดตามผล ๒" in text
    assert "O๑๐ → O๑๑" in text and "O๔๒ → O๔๒" in text
    assert "ไม่มีคู่: e๖, O๗" in text
    assert "มาตรการที่ถอนแล้ว" not in text
    assert "ไม่คัดลอกผู้รับผิดชอบที่เลิกใช้แล้ว: กองที่ยุบแล้ว" in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert not MeasurePlan.objects.filter(
        organisation=demo.plan.organisation, fiscal_year=2567
    ).exists()


def test_confirming_rolls_over_then_lists_the_questions_to_choose(client, demo):
    client.force_login(demo.coordinator)
    framework = Framework.objects.get(fiscal_year=2566)

    response = client.post(rollover_url(demo.plan), {"framework": framework.pk}, follow=True)

    new = MeasurePlan.objects.get(organisation=demo.plan.organisation, fiscal_year=2567)
    assert (new.framework, new.measures.count()) == (framework, 3)
    text = response.text
    assert "สร้างแผนมาตรการปีงบประมาณ ๒๕๖๗ แล้ว" in text
    assert "มาตรการที่ ๒" in text and "e๖" in text and "O๗" in text
    assert (
        reverse(
            "measures:measure-edit",
            args=[demo.plan.organisation.slug, new.measures.get(number=2).pk],
        )
        in text
    )


def test_a_framework_that_is_not_offered_is_refused_in_thai_and_nothing_is_made(client, demo):
    client.force_login(demo.coordinator)
    later = Framework.objects.get(fiscal_year=2568)  # after the new plan's year

    response = client.post(rollover_url(demo.plan), {"framework": later.pk})

    assert response.status_code == 200
    assert "ตัวเลือกใน “กรอบการประเมินของแผนปีถัดไป” ไม่ถูกต้อง" in response.text
    assert not MeasurePlan.objects.filter(
        organisation=demo.plan.organisation, fiscal_year=2567
    ).exists()


def test_a_second_rollover_through_the_page_changes_nothing(client, demo):
    client.force_login(demo.coordinator)
    framework = Framework.objects.get(fiscal_year=2566)
    client.post(rollover_url(demo.plan), {"framework": framework.pk})
    new = MeasurePlan.objects.get(organisation=demo.plan.organisation, fiscal_year=2567)
    new.measures.get(number=1).delete()

    response = client.post(rollover_url(demo.plan), {"framework": framework.pk})

    assert response.status_code == 200
    assert "มีมาตรการแล้ว" in response.text
    assert new.measures.count() == 2


def test_the_confirmation_asks_the_same_queries_however_many_measures(client, demo):
    client.force_login(demo.coordinator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(rollover_url(demo.plan)).status_code == 200
        return len(captured)

    few = queries()
    for number in (5, 6, 7):
        extra = make_measure(demo.plan, number=number, units=[demo.office])
        extra.questions.set(demo.first.questions.all())
        extra.steps.create(order=1, text="ขั้นตอน")

    assert queries() == few
