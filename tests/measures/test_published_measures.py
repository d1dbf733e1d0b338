"""What stood in a published report stays: a measure with published entries is withdrawn, never
deleted, and the entries of a locked round cannot be changed or deleted, not even in the admin."""

from datetime import date

import pytest
from django.urls import reverse

from measures import services
from measures.models import Measure, ProgressEntry
from measures.rounds import round_reopen
from reports.documents import document_context
from tests.factories import make_entry, make_publication, make_round_lock
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    """The world with its 6-month round published and locked (w.entry is dated 10 Jan 2023)."""
    w = world()
    make_round_lock(make_publication(w.plan, kind="progress-6", published_by=w.coordinator))
    return w


def delete_url(w, measure):
    return reverse("measures:measure-delete", kwargs={"slug": w.org.slug, "pk": measure.pk})


def test_a_measure_with_entries_of_a_locked_round_is_never_deleted(w):
    with pytest.raises(services.MeasurePublished, match="ถอนมาตรการแทน"):
        services.measure_delete(measure=w.measure, version=w.measure.version)
    assert Measure.objects.filter(pk=w.measure.pk).exists()
    assert ProgressEntry.objects.filter(pk=w.entry.pk).exists()


def test_reopening_the_round_does_not_make_its_entries_deletable(w):
    round_reopen(plan=w.plan, months=6, user=w.coordinator, reason="แก้วันที่")
    with pytest.raises(services.MeasurePublished):
        services.measure_delete(measure=w.measure, version=w.measure.version)
    assert ProgressEntry.objects.filter(pk=w.entry.pk).exists()


def test_a_measure_whose_entries_fall_outside_published_rounds_may_be_deleted(w):
    make_entry(w.measure_works, date(2023, 5, 2))  # the 12-month round, not published
    services.measure_delete(measure=w.measure_works, version=w.measure_works.version)
    assert not Measure.objects.filter(pk=w.measure_works.pk).exists()


def test_the_coordinator_is_offered_withdrawal_and_the_entries_stay(client, w):
    client.force_login(w.coordinator)
    page = client.get(delete_url(w, w.measure)).text
    assert "ถอนมาตรการที่ ๑?" in page and "ลบมาตรการ</button>" not in page
    response = client.post(delete_url(w, w.measure), {"version": "1"}, follow=True)
    assert "ถอนมาตรการที่ ๑ แล้ว" in response.text
    w.measure.refresh_from_db()
    assert w.measure.withdrawn_at is not None
    assert ProgressEntry.objects.filter(pk=w.entry.pk).exists()


def test_a_withdrawn_measure_is_left_out_of_new_documents_and_the_public_page(client, w):
    w.plan.announced_on = date(2022, 10, 20)
    w.plan.save()
    services.measure_withdraw(measure=w.measure, version=w.measure.version)
    doc = document_context(w.plan, "measures", "plan")
    titles = [row["title"] for g in doc["groups"] for s in g["sections"] for row in s["rows"]]
    assert "ซ่อมถนน" in titles and "เผยแพร่รายงานการเงิน" not in titles
    public = client.get(reverse("reports:organisation", args=[w.org.slug])).text
    assert "ซ่อมถนน" in public and "เผยแพร่รายงานการเงิน" not in public


# --- the admin ------------------------------------------------------------------------------------


def admin_url(action, obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])


def test_the_admin_cannot_change_or_delete_an_entry_of_a_locked_round(client, w):
    client.force_login(w.admin)
    page = client.get(admin_url("change", w.entry))
    assert page.status_code == 200
    assert "กรุณาเปิดรอบให้แก้ไขก่อน" in page.text
    assert 'name="description"' not in page.text  # shown read-only
    assert client.post(admin_url("change", w.entry), {"description": "แก้"}).status_code == 403
    assert client.post(admin_url("delete", w.entry), {"post": "yes"}).status_code == 403
    assert ProgressEntry.objects.get(pk=w.entry.pk).description == "ดำเนินการตามขั้นตอน"


def test_the_admin_may_change_the_entry_once_the_round_is_reopened(client, w):
    round_reopen(plan=w.plan, months=6, user=w.coordinator, reason="แก้คำผิด")
    client.force_login(w.admin)
    assert 'name="description"' in client.get(admin_url("change", w.entry)).text


def test_the_admin_cannot_delete_a_measure_with_published_entries(client, w):
    client.force_login(w.admin)
    assert client.post(admin_url("delete", w.measure), {"post": "yes"}).status_code == 403
    assert Measure.objects.filter(pk=w.measure.pk).exists()
