import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from measures.models import EvidenceFile, PendingUpload, ProgressEntry
from tests.factories import make_publication, make_round_lock
from tests.people import world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The smallest valid PNG (one transparent pixel): images are opened to count their pixels.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082"
)


@pytest.fixture
def w(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = world()
    w.media = tmp_path
    return w


def new_url(w, measure=None):
    measure = measure or w.measure
    return reverse("measures:entry-create", kwargs={"slug": w.org.slug, "pk": measure.pk})


def entry_data(**overrides):
    data = {
        "done_on": "๔/๔/๒๕๖๖",
        "description": "ประชุมชี้แจงเจ้าหน้าที่",
        "status": "in_progress",
        "percent": "๕๐",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-0-url": "https://www.example.go.th/news/7",
        "links-0-title": "ข่าวบนเว็บไซต์",
        "links-1-url": "",
        "links-1-title": "",
    }
    data.update(overrides)
    return data


def docx_bytes(main="wordprocessingml.document.main"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/'
            f'vnd.openxmlformats-officedocument.{main}+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("๔/๔/๒๕๖๖", date(2023, 4, 4)),
        ("4/4/2566", date(2023, 4, 4)),
        ("4 เม.ย. 66", date(2023, 4, 4)),
        ("๔ เมษายน พ.ศ. ๒๕๖๖", date(2023, 4, 4)),
        ("วันที่ ๒๙ ธ.ค. ๒๕๖๕", date(2022, 12, 29)),
        ("2023-04-04", date(2023, 4, 4)),
    ],
)
def test_a_thai_date_typed_in_each_accepted_form_is_stored_as_the_right_date(
    client, w, typed, expected
):
    client.force_login(w.staff)
    response = client.post(new_url(w), entry_data(done_on=typed))
    assert response.status_code == 302
    entry = ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").get()
    assert entry.done_on == expected
    assert entry.author == w.staff and entry.review_state == "draft"
    assert entry.percent == 50
    assert list(entry.links.values_list("title", flat=True)) == ["ข่าวบนเว็บไซต์"]


def test_the_edit_form_shows_the_date_back_in_the_buddhist_era(client, w):
    client.force_login(w.staff)
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    assert 'value="๑๐/๑/๒๕๖๖"' in client.get(url).text


def test_a_bad_date_gets_a_thai_message_and_keeps_what_was_typed(client, w):
    client.force_login(w.staff)
    response = client.post(new_url(w), entry_data(done_on="๓๑/๒/๒๕๖๖"))
    assert response.status_code == 200
    assert "กรุณา" in response.text
    assert "ประชุมชี้แจงเจ้าหน้าที่" in response.text and 'value="๓๑/๒/๒๕๖๖"' in response.text
    assert not ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").exists()


def test_a_date_outside_the_fiscal_year_is_refused_in_thai(client, w):
    client.force_login(w.staff)
    response = client.post(new_url(w), entry_data(done_on="4/4/2567"))
    assert response.status_code == 200
    assert "ไม่อยู่ในปีงบประมาณ ๒๕๖๖" in response.text


def test_done_proposes_100_percent_and_refuses_less(client, w):
    client.force_login(w.staff)
    client.post(new_url(w), entry_data(status="done", percent=""))
    assert ProgressEntry.objects.get(description="ประชุมชี้แจงเจ้าหน้าที่").percent == 100
    response = client.post(
        new_url(w), entry_data(status="done", percent="80", description="อีกรายการ")
    )
    assert "ต้องเป็นร้อยละ ๑๐๐" in response.text


def test_a_pdf_and_an_office_file_are_stored_under_generated_names(client, w, tmp_path):
    client.force_login(w.staff)
    files = [
        SimpleUploadedFile("รายงานการประชุม.pdf", PDF),
        SimpleUploadedFile("คำสั่ง.docx", docx_bytes()),
    ]
    response = client.post(new_url(w), {**entry_data(), "files": files})
    assert response.status_code == 302
    stored = {f.original_name: f for f in EvidenceFile.objects.all()}
    assert stored["รายงานการประชุม.pdf"].content_type == "application/pdf"
    assert stored["คำสั่ง.docx"].content_type.endswith("wordprocessingml.document")
    for evidence in stored.values():
        assert evidence.file.name.startswith("evidence/")
        assert "รายงาน" not in evidence.file.name and "คำสั่ง" not in evidence.file.name
        assert (tmp_path / evidence.file.name).exists()


def test_a_file_over_10_mb_is_refused(client, w):
    client.force_login(w.staff)
    big = SimpleUploadedFile("ใหญ่.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(new_url(w), {**entry_data(), "files": [big]})
    assert response.status_code == 200
    assert "เกิน ๑๐ MB" in response.text
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("รายงาน.pdf", b"MZ\x90\x00 this is a windows program"),
        ("รูป.png", b"<html><script>alert(1)</script></html>"),
        ("เอกสาร.docx", b"PK\x03\x04 not really a zip"),
        ("อื่น.docx", None),  # a real zip, but not an Office document
    ],
)
def test_a_wrong_type_disguised_by_its_extension_is_refused(client, w, name, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("evil.js", "x")
        content = buffer.getvalue()
    client.force_login(w.staff)
    upload = SimpleUploadedFile(name, content)
    response = client.post(new_url(w), {**entry_data(), "files": [upload]})
    assert response.status_code == 200
    assert "ตรวจจากเนื้อไฟล์" in response.text
    assert not ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").exists()


def test_a_path_like_name_keeps_only_its_last_part(client, w, tmp_path):
    client.force_login(w.staff)
    upload = SimpleUploadedFile("../../etc/รูปถ่าย.png", PNG)
    client.post(new_url(w), {**entry_data(), "files": [upload]})
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "รูปถ่าย.png"
    assert evidence.content_type == "image/png"
    assert (tmp_path / evidence.file.name).resolve().is_relative_to(tmp_path / "evidence")


def test_the_evidence_file_downloads_with_its_thai_name_and_only_to_members(client, w):
    client.force_login(w.staff)
    client.post(new_url(w), {**entry_data(), "files": [SimpleUploadedFile("หลักฐาน ๑.pdf", PDF)]})
    evidence = EvidenceFile.objects.get()
    url = reverse("measures:evidence-file", kwargs={"slug": w.org.slug, "pk": evidence.pk})

    client.force_login(w.staff_other_unit)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E0%B8%AB%E0%B8%A5" in disposition

    client.force_login(w.outsider)
    assert client.get(url).status_code == 404


def test_staff_of_another_unit_cannot_record_progress(client, w):
    client.force_login(w.staff_other_unit)
    assert client.post(new_url(w), entry_data()).status_code == 403
    assert not ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").exists()


def test_saving_and_submitting_at_once_sends_the_entry_for_review(client, w):
    client.force_login(w.staff)
    client.post(new_url(w), {**entry_data(), "submit_now": "1"})
    assert ProgressEntry.objects.get(description="ประชุมชี้แจงเจ้าหน้าที่").review_state == "submitted"


def test_a_stale_entry_edit_keeps_what_was_typed_and_shows_what_changed(client, w):
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    client.force_login(w.coordinator)
    first = client.post(url, entry_data(description="ฉบับของผู้ประสานงาน", version="1"))
    assert first.status_code == 302

    client.force_login(w.staff)
    response = client.post(url, entry_data(description="ฉบับของเจ้าหน้าที่", version="1"))

    assert response.status_code == 200
    assert "มีผู้อื่นแก้ไขรายการนี้ก่อนท่านบันทึก" in response.text
    assert "ผลการดำเนินการ</strong>: ดำเนินการตามขั้นตอน → ฉบับของผู้ประสานงาน" in response.text
    assert "ฉบับของเจ้าหน้าที่" in response.text
    assert ProgressEntry.objects.get(pk=w.entry.pk).description == "ฉบับของผู้ประสานงาน"
    # The form now carries the current version: saving again overwrites knowingly.
    assert 'name="version" value="2"' in response.text


def test_an_edit_without_the_version_it_was_loaded_with_changes_nothing(client, w):
    # A form posted without its hidden version (a stale page, a hand-made request) must not
    # fall back to the current version and overwrite someone else's change.
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    client.force_login(w.staff)
    response = client.post(url, entry_data(description="ไม่มีรุ่นของแบบฟอร์ม"))
    assert response.status_code == 200
    assert "แบบฟอร์มนี้ไม่สมบูรณ์ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง" in response.text
    assert ProgressEntry.objects.get(pk=w.entry.pk).description == "ดำเนินการตามขั้นตอน"


def test_an_entry_of_a_published_round_is_refused_with_a_thai_message(client, w):
    make_round_lock(make_publication(w.plan, kind="progress-12"), months=12)
    client.force_login(w.staff)
    response = client.post(new_url(w), entry_data())
    assert response.status_code == 200
    assert "เผยแพร่แล้ว จึงแก้ไขผลการดำเนินการของรอบนั้นไม่ได้" in response.text
    assert not ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").exists()


def test_editing_removes_ticked_files_and_links_of_this_entry_only_keeping_the_file(
    client, w, tmp_path
):
    client.force_login(w.staff)
    client.post(new_url(w), {**entry_data(), "files": [SimpleUploadedFile("ก.pdf", PDF)]})
    entry = ProgressEntry.objects.get(description="ประชุมชี้แจงเจ้าหน้าที่")
    evidence, link = entry.files.get(), entry.links.get()
    stored = tmp_path / evidence.file.name
    assert stored.exists()
    client.post(
        new_url(w),
        {**entry_data(description="อีกรายการ"), "files": [SimpleUploadedFile("ข.pdf", PDF)]},
    )
    foreign = EvidenceFile.objects.get(original_name="ข.pdf")

    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": entry.pk})
    data = entry_data(version=str(entry.version), **{"links-0-url": "", "links-0-title": ""})
    response = client.post(url, {**data, "remove_files": [foreign.pk]})
    assert "ตัวเลือกใน “ลบไฟล์เดิม” ไม่ถูกต้อง" in response.text
    assert EvidenceFile.objects.filter(pk=foreign.pk).exists()

    response = client.post(url, {**data, "remove_files": [evidence.pk], "remove_links": [link.pk]})
    assert response.status_code == 302
    assert not entry.files.exists() and not entry.links.exists()
    # Kept for the audit trail (see test_evidence_removal), marked with who removed it.
    assert stored.exists()
    assert EvidenceFile.with_removed.get(pk=evidence.pk).removed_by == w.staff


def test_the_download_header_cannot_be_broken_by_a_crafted_name(client, w):
    from django.core.files.base import ContentFile

    evidence = EvidenceFile(
        entry=w.entry, original_name='ไฟล์";x=y.pdf', content_type="application/pdf", size=len(PDF)
    )
    evidence.file.save('a.p"d', ContentFile(PDF), save=False)
    evidence.save()
    client.force_login(w.staff)
    url = reverse("measures:evidence-file", kwargs={"slug": w.org.slug, "pk": evidence.pk})
    disposition = client.get(url)["Content-Disposition"]
    assert disposition.count('"') == 2
    assert re.match(
        r'attachment; filename="evidence(\.[a-z0-9]+)?"; filename\*=UTF-8\'\'', disposition
    )
    assert ";x=y" not in disposition and "%22%3Bx%3Dy.pdf" in disposition


# --- files kept while a form fails ----------------------------------------------------------


def kept_tokens(response):
    return re.findall(r'name="kept_files" value="([0-9a-f-]{36})"', response.text)


def test_a_file_sent_with_a_failing_form_is_saved_with_the_fixed_form_without_attaching_it_again(
    client, w
):
    client.force_login(w.staff)
    failed = client.post(
        new_url(w), entry_data(done_on="๓๑/๐๒/๒๕๖๖", files=[SimpleUploadedFile("คำสั่ง.pdf", PDF)])
    )
    assert failed.status_code == 200
    assert "ไฟล์ที่แนบไว้แล้ว" in failed.text and "คำสั่ง.pdf" in failed.text
    assert "กรุณาแนบอีกครั้ง" not in failed.text
    tokens = kept_tokens(failed)
    assert len(tokens) == 1
    assert not EvidenceFile.objects.exists()

    response = client.post(new_url(w), entry_data(kept_files=tokens))
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.entry.description == "ประชุมชี้แจงเจ้าหน้าที่"
    assert evidence.original_name == "คำสั่ง.pdf"
    assert evidence.file.read() == PDF
    assert evidence.file.name.startswith("evidence/")
    assert not PendingUpload.objects.exists()
    assert not list((w.media / "pending").iterdir())


def test_an_unticked_kept_file_is_not_attached(client, w):
    client.force_login(w.staff)
    failed = client.post(
        new_url(w), entry_data(done_on="x", files=[SimpleUploadedFile("คำสั่ง.pdf", PDF)])
    )
    assert kept_tokens(failed)
    assert client.post(new_url(w), entry_data()).status_code == 302
    assert not EvidenceFile.objects.exists()


def test_another_person_cannot_claim_a_kept_file(client, w):
    client.force_login(w.staff)
    failed = client.post(
        new_url(w), entry_data(done_on="x", files=[SimpleUploadedFile("คำสั่ง.pdf", PDF)])
    )
    tokens = kept_tokens(failed)
    client.force_login(w.coordinator)
    response = client.post(new_url(w), entry_data(kept_files=tokens))
    assert response.status_code == 200
    assert "หมดอายุหรือไม่ใช่ของท่าน" in response.text
    assert not ProgressEntry.objects.filter(description="ประชุมชี้แจงเจ้าหน้าที่").exists()
    assert PendingUpload.objects.get().owner == w.staff


def test_an_edit_that_fails_keeps_its_file_for_the_next_try(client, w):
    client.force_login(w.staff)
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    data = entry_data(version=str(w.entry.version), done_on="๑๐/๑/๒๕๖๖")
    failed = client.post(
        url, {**data, "percent": "๒๐๐", "files": [SimpleUploadedFile("ภาพ.png", PNG)]}
    )
    assert failed.status_code == 200
    assert client.post(url, {**data, "kept_files": kept_tokens(failed)}).status_code == 302
    assert [f.original_name for f in w.entry.files.all()] == ["ภาพ.png"]


def test_a_file_refused_by_its_own_checks_is_not_kept(client, w):
    client.force_login(w.staff)
    response = client.post(
        new_url(w),
        entry_data(files=[SimpleUploadedFile("ok.pdf", PDF), SimpleUploadedFile("x.pdf", b"MZ")]),
    )
    assert "กรุณาแนบอีกครั้งก่อนกดบันทึก: ok.pdf, x.pdf" in response.text
    assert not kept_tokens(response) and not PendingUpload.objects.exists()


def test_expired_kept_files_are_deleted_by_the_cleanup_command(client, w):
    client.force_login(w.staff)
    client.post(new_url(w), entry_data(done_on="x", files=[SimpleUploadedFile("a.pdf", PDF)]))
    kept = PendingUpload.objects.get()
    PendingUpload.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("delete_orphan_evidence", stdout=io.StringIO())
    assert not PendingUpload.objects.exists()
    assert not (w.media / kept.file.name).exists()


def test_repeated_failing_posts_keep_at_most_two_entries_worth_of_files(client, w, settings):
    settings.MAX_EVIDENCE_BYTES_PER_ENTRY = 2 * len(PDF)  # so a person keeps 4 PDFs at most
    client.force_login(w.staff)
    for n in range(6):
        client.post(
            new_url(w), entry_data(done_on="x", files=[SimpleUploadedFile(f"{n}.pdf", PDF)])
        )
    kept = PendingUpload.objects.order_by("created_at", "pk")
    assert [row.original_name for row in kept] == ["2.pdf", "3.pdf", "4.pdf", "5.pdf"]
    assert len(list((w.media / "pending").iterdir())) == 4
