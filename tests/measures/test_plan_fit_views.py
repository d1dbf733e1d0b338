"""Real plans entered through the forms without inventing data (issue 12, item 1)."""

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.measures.test_measure_views import create_url, measure_data
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def detail_url(measure):
    return reverse(
        "measures:measure-detail",
        kwargs={"slug": measure.plan.organisation.slug, "pk": measure.pk},
    )


# --- a. a measure headed by its issue --------------------------------------------------------


def test_a_measure_with_an_issue_and_no_title_is_saved_and_headed_by_its_issue(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, title="", issue="e๖ การเผยแพร่ข้อมูล"))
    assert response.status_code == 302
    measure = w.plan.measures.get(issue="e๖ การเผยแพร่ข้อมูล")
    assert measure.title == "" and measure.heading == "e๖ การเผยแพร่ข้อมูล"
    page = client.get(detail_url(measure)).text
    assert "มาตรการที่ ๓ e๖ การเผยแพร่ข้อมูล</h1>" in page
    plan_page = client.get(
        reverse("measures:plan-edit", kwargs={"slug": w.org.slug, "year": 2566})
    ).text
    assert "มาตรการที่ ๓ e๖ การเผยแพร่ข้อมูล</a>" in plan_page


def test_a_measure_needs_a_title_or_an_issue(client, w):
    client.force_login(w.coordinator)
    before = Measure.objects.count()
    response = client.post(create_url(w), measure_data(w, title="", issue=""))
    assert response.status_code == 200
    assert "กรุณากรอกมาตรการ/แนวทาง หรือประเด็นที่ต้องปรับปรุงแก้ไข อย่างน้อยหนึ่งช่อง" in response.text
    assert Measure.objects.count() == before


# --- f. step numbers as written ---------------------------------------------------------------


def steps_data(*rows):
    data = {"steps-TOTAL_FORMS": str(len(rows)), "steps-INITIAL_FORMS": "0"}
    for n, (label, text) in enumerate(rows):
        data |= {f"steps-{n}-label": label, f"steps-{n}-text": text, f"steps-{n}-deadline": ""}
    return data


def test_steps_keep_their_numbers_as_written(client, w):
    client.force_login(w.coordinator)
    rows = [("๑", "ประชุม"), ("๓", "จัดทำ"), ("3.1", "ร่าง"), ("๓.๒", "ตรวจ"), ("", "เผยแพร่")]
    response = client.post(create_url(w), measure_data(w) | steps_data(*rows))
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    steps = measure.steps.order_by("order")
    assert [(s.order, s.label) for s in steps] == [
        (1, "๑"),
        (2, "๓"),
        (3, "๓.๑"),
        (4, "๓.๒"),
        (5, ""),
    ]
    assert [s.number_text for s in steps] == ["๑", "๓", "๓.๑", "๓.๒", "๕"]
    page = client.get(detail_url(measure)).text
    assert "๓.๑. ร่าง" in page and "๕. เผยแพร่" in page
    edit = client.get(
        reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": measure.pk})
    ).text
    assert 'value="๓.๒"' in edit


def test_a_step_label_without_its_text_is_refused_in_thai(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w) | steps_data(("๓.๑", "")))
    assert response.status_code == 200
    assert "กรุณากรอกขั้นตอน หรือลบเลขข้อและกำหนดเสร็จของแถวนี้" in response.text
