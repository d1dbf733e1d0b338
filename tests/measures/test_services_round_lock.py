"""Entries of a published round are locked (measures.rounds.round_is_locked)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import services
from measures.models import ProgressEntry
from measures.rounds import round_is_locked, round_reopen
from tests.factories import make_entry, make_publication, make_round_lock
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db, settings, tmp_path):
    """The 6-month round of the world's plan published and locked."""
    settings.MEDIA_ROOT = tmp_path
    w = world()
    make_round_lock(make_publication(w.plan, kind="progress-6", published_by=w.coordinator))
    return w


def test_an_entry_of_the_locked_round_cannot_be_edited_submitted_or_added(w):
    with pytest.raises(services.RoundLocked):
        services.entry_update(entry=w.entry, version=w.entry.version, description="แก้")
    with pytest.raises(services.RoundLocked):
        services.entry_submit(entry=w.entry, version=w.entry.version)
    with pytest.raises(services.RoundLocked):
        services.entry_create(
            measure=w.measure,
            author=w.staff,
            done_on=date(2023, 3, 1),
            description="ใหม่",
            status="in_progress",
            percent=10,
        )
    assert ProgressEntry.objects.get(pk=w.entry.pk).description == "ดำเนินการตามขั้นตอน"


def test_moving_an_entry_into_the_locked_round_is_refused_too(w):
    later = make_entry(w.measure, date(2023, 6, 1))
    with pytest.raises(services.RoundLocked):
        services.entry_update(entry=later, version=later.version, done_on=date(2023, 2, 1))


def test_work_after_the_locked_round_goes_on(w):
    entry = services.entry_create(
        measure=w.measure,
        author=w.staff,
        done_on=date(2023, 6, 1),
        description="รอบหลัง",
        status="in_progress",
        percent=30,
    )
    assert services.entry_submit(entry=entry, version=entry.version).review_state == "submitted"


def test_a_reopened_round_can_be_corrected(w):
    round_reopen(plan=w.plan, months=6, user=w.coordinator, reason="แก้วันที่ผิด")
    entry = services.entry_update(entry=w.entry, version=w.entry.version, description="แก้")
    assert entry.description == "แก้"


def test_the_measure_page_offers_no_edit_for_entries_of_the_locked_round(client, w):
    from django.urls import reverse

    later = make_entry(w.measure, date(2023, 6, 1))
    client.force_login(w.staff)
    text = client.get(
        reverse("measures:measure-detail", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    ).text
    assert f"/entries/{w.entry.pk}/edit/" not in text
    assert "รอบรายงานนี้เผยแพร่แล้ว แก้ไขไม่ได้" in text
    assert f"/entries/{later.pk}/edit/" in text


def test_a_reopening_reason_past_its_limit_is_refused_and_the_round_stays_locked(w):
    with pytest.raises(ValidationError, match="ยาวเกิน ๒,๐๐๐ ตัวอักษร"):
        round_reopen(plan=w.plan, months=6, user=w.coordinator, reason="ก" * 2001)
    assert round_is_locked(w.plan, date(2023, 1, 10))


def test_the_entry_forms_say_which_rounds_are_locked_before_anyone_types(client, w):
    client.force_login(w.staff)
    new = client.get(reverse("measures:entry-create", args=[w.org.slug, w.measure.pk])).text
    assert "เผยแพร่รายงานแล้ว: รอบ ๖ เดือน (๑ ต.ค. ๒๕๖๕ - ๓๑ มี.ค. ๒๕๖๖)" in new
    edit = client.get(reverse("measures:entry-edit", args=[w.org.slug, w.entry.pk])).text
    assert "รายการนี้อยู่ในรอบรายงานที่เผยแพร่แล้ว จึงแก้ไขไม่ได้" in edit
