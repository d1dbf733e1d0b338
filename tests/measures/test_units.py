"""Coordinators rename and retire units; a retired unit stays where it was used."""

import pytest
from django.urls import reverse

from measures.forms import InvitationForm, MeasureForm
from measures.models import Unit
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return world()


def edit_url(w, unit):
    return reverse("measures:unit-edit", args=[w.org.slug, unit.pk])


def retire_url(w, unit):
    return reverse("measures:unit-retire", args=[w.org.slug, unit.pk])


def test_the_coordinator_renames_a_unit_and_its_measures_show_the_new_name(client, w):
    client.force_login(w.coordinator)
    response = client.post(edit_url(w, w.finance), {"name": " กองการคลัง "}, follow=True)
    assert "เปลี่ยนชื่อกองคลังเป็นกองการคลังแล้ว" in response.text
    page = client.get(reverse("measures:measure-detail", args=[w.org.slug, w.measure.pk])).text
    assert "กองการคลัง" in page


def test_a_name_another_unit_has_is_refused_and_nothing_changes(client, w):
    client.force_login(w.coordinator)
    response = client.post(edit_url(w, w.finance), {"name": "กองช่าง"}, follow=True)
    assert "มี “กองช่าง” อยู่แล้ว" in response.text
    assert Unit.objects.get(pk=w.finance.pk).name == "กองคลัง"


def test_staff_cannot_rename_or_retire_a_unit(client, w):
    client.force_login(w.staff)
    assert client.post(edit_url(w, w.finance), {"name": "ใหม่"}).status_code == 403
    assert client.post(retire_url(w, w.finance)).status_code == 403
    assert Unit.objects.get(pk=w.finance.pk).retired_at is None


def test_a_retired_unit_is_not_offered_for_new_work_but_stays_on_its_measures(client, w):
    client.force_login(w.coordinator)
    response = client.post(retire_url(w, w.works), follow=True)
    assert "เลิกใช้กองช่างแล้ว" in response.text and "เลิกใช้แล้ว" in response.text
    new_measure = MeasureForm(plan=w.plan)
    assert list(new_measure.fields["units"].queryset) == [w.finance]
    assert w.works in MeasureForm(plan=w.plan, measure=w.measure_works).fields["units"].queryset
    assert w.works not in InvitationForm(organisation=w.org).fields["units"].queryset
    assert list(w.measure_works.units.all()) == [w.works]


def test_a_retired_unit_can_be_restored(client, w):
    client.force_login(w.coordinator)
    client.post(retire_url(w, w.works))
    client.post(retire_url(w, w.works), {"restore": "1"})
    assert Unit.objects.get(pk=w.works.pk).retired_at is None
    assert w.works in InvitationForm(organisation=w.org).fields["units"].queryset


def test_an_existing_members_retired_unit_stays_ticked_on_their_form(client, w):
    client.force_login(w.coordinator)
    client.post(retire_url(w, w.works))
    membership = w.staff_other_unit.memberships.get()
    page = client.get(reverse("measures:member-edit", args=[w.org.slug, membership.pk])).text
    assert "กองช่าง" in page
