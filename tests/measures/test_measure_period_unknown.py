"""A period the plan does not give is left empty, never filled in with the fiscal year."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import make_measure
from tests.measures.test_measure_views import create_url, measure_data
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def test_a_measure_saved_without_a_period_keeps_it_unknown_and_its_page_says_so(client, w):
    client.force_login(w.coordinator)
    response = client.post(create_url(w), measure_data(w, period=""))
    assert response.status_code == 302
    measure = w.plan.measures.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    assert (measure.period_start, measure.period_end, measure.period_text) == (None, None, "")
    page = client.get(
        reverse("measures:measure-detail", kwargs={"slug": w.org.slug, "pk": measure.pk})
    ).text
    assert 'ระยะเวลาดำเนินการ</dt><dd class="col-sm-9">ไม่ระบุ</dd>' in page
    edit = reverse("measures:measure-edit", kwargs={"slug": w.org.slug, "pk": measure.pk})
    form = client.get(edit).context["form"]
    assert form["period"].value() in (None, "")


def test_a_half_given_period_is_refused_by_the_model_and_the_database(w):
    measure = make_measure(w.plan, period_start=None, period_end=None)
    measure.full_clean()  # unknown is valid
    measure.period_end = date(2023, 3, 1)
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "หรือเว้นว่างทั้งคู่" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        measure.save()


def test_an_unknown_period_makes_no_measure_late_only_its_deadline_does(w):
    unknown = make_measure(w.plan, period_start=None, period_end=None)
    assert not unknown.is_overdue(date(2030, 1, 1))
    unknown.deadline = date(2023, 3, 31)
    assert unknown.is_overdue(date(2023, 4, 1)) and not unknown.is_overdue(date(2023, 3, 31))
