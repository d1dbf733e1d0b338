"""Evidence is never lost: a save that fails leaves the disk as it was, and a file removed from
an entry stays in the audit trail, open to the organisation's coordinators only."""

import errno
import io
import os
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from measures import services
from measures.forms.entries import CheckedUpload
from measures.models import EvidenceFile, ProgressEntry
from tests.people import world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return world()


def pdf(name):
    return CheckedUpload(File(io.BytesIO(PDF)), name, "application/pdf", len(PDF))


class FullDisk(File):
    """A file whose writing stops half-way, as it does when the disk fills up."""

    def chunks(self, chunk_size=None):
        yield PDF[:10]
        raise OSError(errno.ENOSPC, "No space left on device")


def on_disk(media):
    folder = media / "evidence"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def entry_with_file(w, name="หลักฐานเดิม.pdf"):
    entry = services.entry_create(
        measure=w.measure,
        author=w.staff,
        done_on=date(2023, 2, 1),
        description="ประชุมคณะทำงาน",
        status="in_progress",
        percent=40,
        files=[pdf(name)],
    )
    return entry, entry.files.get()


def update(entry, **kwargs):
    return services.entry_update(
        entry=entry,
        version=entry.version,
        done_on=entry.done_on,
        description="แก้ไขผลการดำเนินการ",
        status="in_progress",
        percent=60,
        **kwargs,
    )


def test_a_save_whose_second_upload_hits_a_full_disk_leaves_the_disk_as_it_was(w, tmp_path):
    entry, kept = entry_with_file(w)
    before = on_disk(tmp_path)
    full = CheckedUpload(FullDisk(io.BytesIO(PDF)), "ข.pdf", "application/pdf", len(PDF))

    with pytest.raises(OSError):
        update(entry, files=[pdf("ก.pdf"), full], remove_files=[kept], editor=w.staff)

    assert on_disk(tmp_path) == before  # neither ก.pdf nor the half-written ข.pdf stays
    assert (tmp_path / kept.file.name).read_bytes() == PDF
    assert list(ProgressEntry.objects.get(pk=entry.pk).files.all()) == [kept]
    assert not EvidenceFile.with_removed.filter(original_name__in=["ก.pdf", "ข.pdf"]).exists()


def test_a_new_entry_refused_after_writing_its_first_file_leaves_no_file(w, tmp_path):
    # The second upload claims more than the 10 MB the row's constraint allows: full_clean
    # refuses it after the first file was already written.
    too_big = CheckedUpload(File(io.BytesIO(PDF)), "ใหญ่.pdf", "application/pdf", 11 * 2**20)
    with pytest.raises(ValidationError):
        services.entry_create(
            measure=w.measure,
            author=w.staff,
            done_on=date(2023, 2, 1),
            description="ประชุมคณะทำงาน",
            status="in_progress",
            percent=40,
            files=[pdf("ก.pdf"), too_big],
        )
    assert on_disk(tmp_path) == []
    assert not ProgressEntry.objects.filter(description="ประชุมคณะทำงาน").exists()


def test_a_removed_file_leaves_the_entry_but_stays_on_disk_marked_with_who_and_when(w, tmp_path):
    entry, removed = entry_with_file(w)
    update(entry, remove_files=[removed], files=[pdf("ใหม่.pdf")], editor=w.staff)

    assert [f.original_name for f in entry.files.all()] == ["ใหม่.pdf"]
    row = EvidenceFile.with_removed.get(pk=removed.pk)
    assert row.removed_by == w.staff and row.removed_at is not None
    assert (tmp_path / row.file.name).read_bytes() == PDF
    assert row.history.latest().history_user == w.staff


def download(client, w, user, evidence):
    client.force_login(user)
    url = reverse("measures:evidence-file", kwargs={"slug": w.org.slug, "pk": evidence.pk})
    return client.get(url)


@pytest.fixture
def removed(client, w):
    """ก.pdf, uploaded and then removed from w.entry by its staff through the edit form."""
    entry, evidence = entry_with_file(w, "ก.pdf")
    client.force_login(w.staff)
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": entry.pk})
    response = client.post(
        url,
        {
            "done_on": "๑/๒/๒๕๖๖",
            "description": "ประชุมคณะทำงาน",
            "status": "in_progress",
            "percent": "๔๐",
            "version": str(entry.version),
            "remove_files": [evidence.pk],
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    client.logout()
    return evidence


def test_the_coordinator_still_opens_a_removed_file_from_the_history(client, w, removed):
    response = download(client, w, w.coordinator, removed)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", ["staff", "staff_other_unit", "executive", "outsider"])
def test_a_removed_file_is_gone_for_everyone_else(client, w, removed, who):
    assert download(client, w, getattr(w, who), removed).status_code == 404


def measure_page(client, w, user):
    client.force_login(user)
    url = reverse("measures:measure-detail", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    return client.get(url).text


def test_the_history_links_the_removed_file_for_coordinators_only(client, w, removed):
    link = reverse("measures:evidence-file", kwargs={"slug": w.org.slug, "pk": removed.pk})

    page = measure_page(client, w, w.coordinator)
    history = page.split('id="history"')[1]
    assert "ลบ ไฟล์หลักฐาน: ก.pdf" in " ".join(strip_tags(history).split())
    assert link in history
    assert link not in page.split('id="history"')[0]  # no longer on the entry

    page = measure_page(client, w, w.staff)
    assert "ไฟล์หลักฐาน: ก.pdf" in page and link not in page


def test_a_removed_file_is_no_longer_offered_for_removal_in_the_edit_form(client, w, removed):
    client.force_login(w.staff)
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": removed.entry_id})
    assert "ก.pdf" not in client.get(url).text


def test_only_old_files_that_nothing_names_are_swept_and_a_dry_run_deletes_nothing(w, tmp_path):
    entry, removed = entry_with_file(w, "ถูกนำออก.pdf")
    update(entry, remove_files=[removed], files=[pdf("ปัจจุบัน.pdf")], editor=w.staff)
    orphan, fresh = tmp_path / "evidence/killed.pdf", tmp_path / "evidence/saving-now.pdf"
    orphan.write_bytes(PDF)
    fresh.write_bytes(PDF)
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (tmp_path / "evidence").iterdir():
        if path != fresh:
            os.utime(path, (two_days_ago, two_days_ago))
    before = on_disk(tmp_path)

    out = io.StringIO()
    call_command("delete_orphan_evidence", "--dry-run", stdout=out)
    assert "evidence/killed.pdf" in out.getvalue() and on_disk(tmp_path) == before

    call_command("delete_orphan_evidence", stdout=io.StringIO())
    assert on_disk(tmp_path) == sorted(set(before) - {"killed.pdf"})
    assert (tmp_path / EvidenceFile.with_removed.get(pk=removed.pk).file.name).exists()
