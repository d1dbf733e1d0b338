from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from measures.models import EvidenceLink
from tests.factories import make_entry
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def detail_url(w, measure=None, slug=None):
    measure = measure or w.measure
    return reverse(
        "measures:measure-detail",
        kwargs={"slug": slug or measure.plan.organisation.slug, "pk": measure.pk},
    )


def test_an_outsider_gets_404_for_a_measure_of_another_organisation(client, w):
    client.force_login(w.outsider)
    assert client.get(detail_url(w)).status_code == 404


def test_a_measure_of_another_organisation_under_ones_own_slug_is_404(client, w):
    client.force_login(w.staff)
    assert client.get(detail_url(w, w.other_measure, slug=w.org.slug)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, w):
    response = client.get(detail_url(w))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_measure_page_shows_steps_units_questions_and_entries_in_time_order(client, w):
    w.measure.steps.create(order=1, text="จัดทำรายงาน")
    w.measure.steps.create(order=2, text="เผยแพร่บนเว็บไซต์")
    w.measure.questions.set(w.plan.framework.questions.filter(code__in=["O20", "e6"]))
    later = make_entry(w.measure, date(2023, 3, 5), description="เผยแพร่แล้ว")
    EvidenceLink.objects.create(entry=later, url="https://example.org/x", title="ประกาศบนเว็บ")
    make_entry(w.measure, date(2022, 11, 1), description="เริ่มจัดทำ")
    client.force_login(w.staff_other_unit)

    response = client.get(detail_url(w))

    assert response.status_code == 200
    text = response.text
    assert text.count("<h1") == 1
    assert "กองคลัง" in text and "จัดทำรายงาน" in text and "เผยแพร่บนเว็บไซต์" in text
    assert "O๒๐" in text and "e๖" in text
    assert text.index("เริ่มจัดทำ") < text.index("ดำเนินการตามขั้นตอน") < text.index("เผยแพร่แล้ว")
    assert "ประกาศบนเว็บ" in text and "๕ มีนาคม พ.ศ. ๒๕๖๖" in text


def measure_data(w, **overrides):
    data = {
        "number": "",
        "title": "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
        "issue": "O๒๐ รายงานผลการใช้จ่ายงบประมาณ",
        "units": [str(w.finance.pk), str(w.works.pk)],
        "questions": [],
        "question_codes": "e๖, ๐๒๐ 1๑๐",
        "period": "ต.ค. ๖๕ - มี.ค. ๖๖",
        "deadline": "๓๑ มี.ค. ๒๕๖๖",
        "monitoring": "รายงานผู้บริหารทุกเดือน",
        "expected_outcome": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-text": "จัดทำประกาศ",
        "steps-0-deadline": "",
        "steps-1-text": "เผยแพร่บนเว็บไซต์",
        "steps-1-deadline": "๑๕/๑/๒๕๖๖",
        "steps-2-text": "",
        "steps-2-deadline": "",
        "monitoring-TOTAL_FORMS": "0",
        "monitoring-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def create_url(w):
    return reverse("measures:measure-create", kwargs={"slug": w.org.slug, "year": 2566})


def test_the_coordinator_adds_a_measure_with_two_units_codes_and_ordered_steps(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w))
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    assert measure.number == 3
    assert set(measure.units.all()) == {w.finance, w.works}
    assert set(measure.questions.values_list("code", flat=True)) == {"e6", "O20", "i10"}
    assert (measure.period_start, measure.period_end) == (date(2022, 10, 1), date(2023, 3, 1))
    assert measure.deadline == date(2023, 3, 31)
    assert [(s.order, s.text, s.deadline) for s in measure.steps.order_by("order")] == [
        (1, "จัดทำประกาศ", None),
        (2, "เผยแพร่บนเว็บไซต์", date(2023, 1, 15)),
    ]


def test_a_unit_of_another_organisation_cannot_be_chosen_even_by_id(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, units=[str(w.other_unit.pk)]))
    assert response.status_code == 200
    assert "ตัวเลือกใน “ผู้รับผิดชอบ” ไม่ถูกต้อง" in response.text
    assert not w.plan.measures.filter(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง").exists()


def test_a_question_of_another_framework_cannot_be_chosen_even_by_id(client, w):
    from measures.models import Question

    foreign = Question.objects.exclude(framework=w.plan.framework).first()
    assert foreign is not None
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, questions=[str(foreign.pk)]))
    assert response.status_code == 200
    assert "ตัวเลือกใน “ข้อคำถามที่เกี่ยวข้อง” ไม่ถูกต้อง" in response.text


def test_an_unknown_question_code_is_named_in_the_message(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, question_codes="e๖ O๙๙"))
    assert "ไม่พบข้อ O๙๙" in response.text
    assert 'value="e๖ O๙๙"' in response.text


def test_a_period_outside_the_fiscal_year_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, period="ต.ค. ๖๖ - มี.ค. ๖๗"))
    assert response.status_code == 200
    assert "ระยะเวลาดำเนินการต้องสิ้นสุดในปีงบประมาณ ๒๕๖๖" in response.text
    assert "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in response.text


def test_the_edit_form_shows_period_and_deadline_back_in_thai(client, w):
    w.measure.deadline = date(2023, 3, 31)
    w.measure.save()
    client.force_login(w.coordinator)
    text = client.get(
        reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    ).text
    assert 'value="ต.ค. ๖๕ - ก.ย. ๖๖"' in text and 'value="๓๑/๓/๒๕๖๖"' in text


def test_a_stale_measure_edit_is_refused_with_what_changed_and_keeps_the_typing(client, w):
    url = reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    client.force_login(w.coordinator)
    first = client.post(url, measure_data(w, number="1", title="ชื่อที่บันทึกก่อน", version="1"))
    assert first.status_code == 302

    second = client.post(url, measure_data(w, number="1", title="ชื่อที่ฉันพิมพ์", version="1"))

    assert second.status_code == 200
    assert "มาตรการ/แนวทาง</strong>: เผยแพร่รายงานการเงิน → ชื่อที่บันทึกก่อน" in second.text
    assert "ชื่อที่ฉันพิมพ์" in second.text
    w.measure.refresh_from_db()
    assert w.measure.title == "ชื่อที่บันทึกก่อน"


def test_the_measure_page_shows_who_changed_what_in_thai(client, w):
    url = reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    client.force_login(w.coordinator)
    client.post(url, measure_data(w, number="1", title="ชื่อใหม่", version="1"))
    text = client.get(detail_url(w)).text
    history = " ".join(strip_tags(text[text.index('id="history"') :]).split())
    assert "แก้ไข มาตรการ" in history
    assert "เผยแพร่รายงานการเงิน → ชื่อใหม่" in history
    assert w.coordinator.username in history
    assert "เพิ่ม ขั้นตอน: จัดทำประกาศ" in history


def test_deleting_a_measure_asks_first_then_deletes(client, w):
    url = reverse("measures:measure-delete", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    client.force_login(w.coordinator)
    assert "ลบมาตรการที่ ๑?" in client.get(url).text
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not w.plan.measures.filter(pk=w.measure.pk).exists()


def test_the_coordinator_reorders_measures(client, w):
    client.force_login(w.coordinator)
    client.post(
        reverse("measures:measure-move", kwargs={"slug": w.org.slug, "pk": w.measure_works.pk}),
        {"direction": "up"},
    )
    assert list(w.plan.measures.order_by("order").values_list("pk", flat=True)) == [
        w.measure_works.pk,
        w.measure.pk,
    ]


def test_the_coordinator_creates_next_years_plan_and_edits_it(client, w):
    client.force_login(w.coordinator)
    response = client.post(
        reverse("measures:plan-create", kwargs={"slug": w.org.slug}),
        {
            "fiscal_year": "๒๕๖๗",
            "framework": str(w.plan.framework.pk),
            "announced_on": "1 ต.ค. 66",
            "signatory_name": "นายสมชาย ใจดี",
        },
    )
    assert response.status_code == 302
    plan = w.org.plans.get(fiscal_year=2567)
    assert plan.announced_on == date(2023, 10, 1)
    edit = reverse("measures:plan-edit", kwargs={"slug": w.org.slug, "year": 2567})
    assert 'value="๑/๑๐/๒๕๖๖"' in client.get(edit).text
    client.post(
        edit,
        {"framework": str(plan.framework.pk), "signatory_name": "นางสมศรี ใจงาม", "version": "1"},
    )
    plan.refresh_from_db()
    assert plan.signatory_name == "นางสมศรี ใจงาม" and plan.version == 2


def test_a_second_plan_for_the_same_year_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    response = client.post(
        reverse("measures:plan-create", kwargs={"slug": w.org.slug}),
        {"fiscal_year": "2566", "framework": str(w.plan.framework.pk)},
    )
    assert response.status_code == 200
    assert "มีแผนมาตรการปีงบประมาณ ๒๕๖๖ อยู่แล้ว" in response.text


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_measure_page_and_the_queue_take_as_many_queries_for_ten_entries_as_for_one(client, w):
    from measures import services

    page = detail_url(w)
    queue = reverse("measures:review-queue", kwargs={"slug": w.org.slug})
    services.entry_submit(entry=w.entry, version=w.entry.version)
    approved = make_entry(w.measure, date(2023, 1, 20), author=w.staff)
    approved = services.entry_submit(entry=approved, version=approved.version)
    services.entry_approve(entry=approved, version=approved.version, reviewer=w.executive)
    client.force_login(w.executive)
    few = (_queries(client, page), _queries(client, queue))
    for day in range(1, 10):
        entry = make_entry(w.measure, date(2023, 2, day), author=w.staff)
        EvidenceLink.objects.create(entry=entry, url="https://example.org/", title="ลิงก์")
        entry = services.entry_submit(entry=entry, version=entry.version)
        if day % 2:  # approvals name a reviewer in the history, looked up once
            services.entry_approve(entry=entry, version=entry.version, reviewer=w.executive)
    assert (_queries(client, page), _queries(client, queue)) == few
