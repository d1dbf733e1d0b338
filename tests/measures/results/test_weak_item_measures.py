"""From the analysis to the measures: a weak item creates one measure in the next year's plan,
linked to its question and carrying its approach; the plan page lists the weak items no
measure answers yet."""

from datetime import date

import pytest
from django.urls import reverse

from measures.models import Measure, MeasurePlan, Membership
from measures.results.analysis import approaches_save
from tests.factories import make_measure, make_member, make_organisation, make_plan
from tests.measures.results.test_analysis import saved_result

pytestmark = pytest.mark.django_db
APPROACH = "ประกาศรายงานผลการใช้จ่ายงบประมาณบนเว็บไซต์ทุกไตรมาส\nแต่งตั้งผู้รับผิดชอบตรวจทาน"


@pytest.fixture
def org(db):
    org = make_organisation(slug="banjutoon")
    result = saved_result(org, 2565)
    approaches_save(result=result, texts={"O20": APPROACH})
    return org


@pytest.fixture
def coordinator(org):
    return make_member(org, Membership.Role.COORDINATOR)


def create(client, user, code="O20", year=2565):
    client.force_login(user)
    url = reverse("measures:ita-weak-item-measure", args=["banjutoon", year, code])
    return client.post(url)


def test_an_outsider_coordinator_gets_404_and_nothing_is_created(client, org):
    outsider = make_member(make_organisation(), Membership.Role.COORDINATOR)
    assert create(client, outsider).status_code == 404
    assert not MeasurePlan.objects.exists()


def test_an_executive_may_not_create_measures(client, org):
    assert create(client, make_member(org, Membership.Role.EXECUTIVE)).status_code == 403
    assert not Measure.objects.exists()


def test_a_weak_item_creates_one_measure_in_the_new_unannounced_plan(client, org, coordinator):
    assert create(client, coordinator).status_code == 302
    plan = MeasurePlan.objects.get(organisation=org)
    assert (plan.fiscal_year, plan.announced_on) == (2566, None)
    measure = plan.measures.get()
    assert [q.code for q in measure.questions.all()] == ["O20"]
    assert measure.title == "ประกาศรายงานผลการใช้จ่ายงบประมาณบนเว็บไซต์ทุกไตรมาส"
    assert [s.text for s in measure.steps.order_by("order")] == APPROACH.splitlines()
    assert measure.issue == "ผลการประเมิน ITA ปี ๒๕๖๕ ข้อ O๒๐ ได้ ๐.๐๐ คะแนน ต่ำกว่าเกณฑ์ ๘๕.๐๐ คะแนน"
    assert measure.expected_outcome == "คะแนนข้อ O๒๐ ไม่ต่ำกว่า ๘๕.๐๐ คะแนน"
    assert (measure.period_start, measure.period_end) == (date(2022, 10, 1), date(2023, 9, 1))


def test_creating_twice_does_not_duplicate(client, org, coordinator):
    create(client, coordinator)
    response = create(client, coordinator)
    assert Measure.objects.count() == 1
    assert "ข้อนี้มีมาตรการที่ ๑ ของแผนปี ๒๕๖๖ตอบอยู่แล้ว" in client.get(response["Location"]).text


def test_a_measure_the_coordinator_linked_by_hand_counts_as_the_answer(client, org, coordinator):
    plan = make_plan(org, 2566)
    make_measure(plan, number=4).questions.add(plan.framework.questions.get(code="O20"))
    create(client, coordinator)
    assert Measure.objects.count() == 1


def test_a_question_above_the_pass_mark_is_refused_with_a_thai_message(client, org, coordinator):
    response = create(client, coordinator, code="O1")
    assert not Measure.objects.exists() and not MeasurePlan.objects.exists()
    assert "ข้อ O1 ไม่ได้อยู่ในข้อที่ได้คะแนนต่ำกว่าเกณฑ์" in client.get(response["Location"]).text


def test_the_analysis_page_offers_a_button_per_unanswered_weak_item(client, org, coordinator):
    create(client, coordinator)
    page = client.get(reverse("measures:ita-result", args=["banjutoon", 2565])).text
    approaches = page.split('id="approaches"')[1]
    answered = approaches.split("O๒๐ รายงานผลการใช้จ่ายงบประมาณประจำปี")[1].split("</li>")[0]
    assert "มาตรการที่ตอบข้อนี้ในแผนปี ๒๕๖๖" in answered and 'form="weak-measure-O20"' not in answered
    assert 'form="weak-measure-O42"' in page
    assert 'action="/manage/banjutoon/ita/2565/questions/O42/measure/"' in page


def test_the_plan_page_lists_the_weak_items_no_measure_answers_yet(client, org, coordinator):
    create(client, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("measures:plan-edit", args=["banjutoon", 2566])).text
    section = page.split('id="weak-items"')[1].split("</section>")[0]
    assert "ผลการประเมิน ITA ปี ๒๕๖๕ ที่ยังไม่มีมาตรการตอบ" in section
    codes = ["i๗", "i๑๐", "e๖", "e๑๑", "O๒๐", "O๔๒", "O๔๓"]
    listed = [code for code in codes if f"{code} " in section]
    assert listed == ["i๗", "i๑๐", "e๖", "e๑๑", "O๔๒", "O๔๓"]  # O20 has its measure now
