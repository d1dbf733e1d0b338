"""Uploads that cost more than they show: huge images, disguised names, too many megabytes."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from measures.forms import OrganisationAdminForm
from measures.models import EvidenceFile, Organisation, ProgressEntry
from tests.people import world

pytestmark = pytest.mark.django_db


def png(side=4, *, text=None):
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    Image.new("1" if side > 100 else "RGB", (side, side)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return world()


def entry_data(**overrides):
    return {
        "done_on": "๔/๔/๒๕๖๖",
        "description": "ประชุมชี้แจงเจ้าหน้าที่",
        "status": "in_progress",
        "percent": "๕๐",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        **overrides,
    }


def post_entry(client, w, **data):
    client.force_login(w.staff)
    url = reverse("measures:entry-create", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    return client.post(url, entry_data(**data))


def emblem_form(organisation, upload):
    data = {
        field: getattr(organisation, field)
        for field in OrganisationAdminForm.Meta.fields
        if field != "emblem"
    }
    return OrganisationAdminForm(data, {"emblem": upload}, instance=organisation)


# --- images ---------------------------------------------------------------------------------


def test_a_12000_pixel_square_emblem_is_refused_in_thai_without_decoding_it(w):
    bomb = png(12_000)
    assert len(bomb) < 100_000  # a few kilobytes on the wire, 576 MB once decoded
    start = time.perf_counter()
    form = emblem_form(w.org, SimpleUploadedFile("ตรา.png", bomb))
    assert not form.is_valid()
    assert time.perf_counter() - start < 5  # read from the header, not decoded
    assert "๑๒,๐๐๐ × ๑๒,๐๐๐ พิกเซล" in form.errors["emblem"][0]


def test_an_emblem_is_stored_re_encoded_as_png_without_what_was_around_its_pixels(w):
    dressed = png(text="<script>alert(1)</script>") + b"<?php system($_GET['c']); ?>"
    form = emblem_form(w.org, SimpleUploadedFile("ตรา.php", dressed))
    assert form.is_valid(), form.errors
    form.save()
    organisation = Organisation.objects.get(pk=w.org.pk)
    assert organisation.emblem.name.endswith(".png")
    stored = organisation.emblem.read()
    assert stored.startswith(b"\x89PNG") and b"script" not in stored and b"php" not in stored
    assert Image.open(io.BytesIO(stored)).size == (4, 4)


def test_an_emblem_that_is_not_an_image_is_refused(w):
    form = emblem_form(w.org, SimpleUploadedFile("ตรา.png", b"%PDF-1.4\n"))
    assert not form.is_valid()
    assert "emblem" in form.errors


def test_an_evidence_image_with_too_many_pixels_is_refused_and_nothing_saved(client, w):
    response = post_entry(client, w, files=[SimpleUploadedFile("รูป.png", png(12_000))])
    assert response.status_code == 200
    assert "พิกเซล" in response.text
    assert not ProgressEntry.objects.filter(measure=w.measure).exclude(pk=w.entry.pk).exists()


# --- where files are stored -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["รูป.html", "รูป.php", "รูป", "รูป.png.exe"])
def test_an_upload_is_stored_under_the_extension_of_its_content(client, w, name):
    response = post_entry(client, w, files=[SimpleUploadedFile(name, png())])
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.file.name.endswith(".png")
    assert evidence.content_type == "image/png"
    assert evidence.original_name == name  # shown and offered on download as it was called


def test_an_evidence_photo_is_stored_upright_without_its_gps_position(client, w):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; the picture is shown rotated
    exif[0x8825] = {2: (13.0, 45.0, 0.0)}  # GPSInfo: where the photo was taken
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "JPEG", exif=exif)
    response = post_entry(client, w, files=[SimpleUploadedFile("ภาพกิจกรรม.jpg", buffer.getvalue())])
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.content_type == "image/jpeg" and evidence.file.name.endswith(".jpg")
    with Image.open(evidence.file.path) as stored:
        assert not stored.getexif()  # neither the position nor any other metadata
        assert stored.size == (20, 40)  # turned upright as the camera said


def test_bytes_hidden_after_an_evidence_image_are_not_kept(client, w):
    hidden = b"<script>alert(1)</script>"
    post_entry(client, w, files=[SimpleUploadedFile("รูป.png", png(text="ความเห็น") + hidden)])
    stored = EvidenceFile.objects.get().file.read()
    assert hidden not in stored and "ความเห็น".encode() not in stored


# --- size per entry -------------------------------------------------------------------------


def test_the_files_of_one_entry_add_up_to_no_more_than_the_limit(client, w, settings):
    settings.MAX_EVIDENCE_BYTES_PER_ENTRY = 1000
    pdf = b"%PDF-1.4\n" + b"0" * 600
    files = [SimpleUploadedFile("ก.pdf", pdf), SimpleUploadedFile("ข.pdf", pdf)]
    response = post_entry(client, w, files=files)
    assert response.status_code == 200
    assert "รวมกันได้ไม่เกิน" in response.text
    assert not EvidenceFile.objects.exists()


def test_files_already_kept_count_towards_the_limit_of_an_edit(client, w, settings):
    settings.MAX_EVIDENCE_BYTES_PER_ENTRY = 1000
    pdf = b"%PDF-1.4\n" + b"0" * 600
    assert post_entry(client, w, files=[SimpleUploadedFile("ก.pdf", pdf)]).status_code == 302
    entry = EvidenceFile.objects.get().entry
    url = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": entry.pk})
    data = entry_data(version=str(entry.version), files=[SimpleUploadedFile("ข.pdf", pdf)])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "รวมกันได้ไม่เกิน" in response.text
    assert EvidenceFile.objects.count() == 1
