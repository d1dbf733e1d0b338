from datetime import date

import pytest
from django.urls import reverse

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
