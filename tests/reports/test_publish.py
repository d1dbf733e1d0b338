import hashlib
import uuid
from datetime import date

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from measures.models import Membership, RoundLock
from measures.rounds import round_is_locked, round_reopen
from reports import publishing
from reports.models import ImmutableError, Publication
from reports.pdf import DocumentRenderError
from reports.publishing import PublishError, publication_create
from tests.factories import make_entry, make_measure, make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_publishing_stores_the_pdf_with_its_checksum_size_author_and_data(plan, coordinator):
    publication = publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)
    stored = publication.file.read()
    assert stored.startswith(b"%PDF")
    assert publication.file.name.startswith("publications/")
    assert publication.sha256 == hashlib.sha256(stored).hexdigest()
    assert publication.size == len(stored)
    assert publication.revision == 1
    assert publication.published_by == coordinator
    assert publication.data["title"] == publication.title
    assert publication.data["groups"][0]["sections"][0]["rows"][0]["title"] == (
        "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง"
    )


def test_publishing_again_makes_a_new_revision_and_leaves_the_old_bytes_alone(
    plan, coordinator, fake_pdf
):
    first = publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    first_bytes = first.file.read()
    second = publication_create(plan=plan, kind="progress-6", layout="summary", user=coordinator)
    assert second.revision == 2
    first.refresh_from_db()
    with first.file.open("rb") as fh:
        assert fh.read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert second.sha256 != first.sha256


def test_revisions_count_per_document(plan, coordinator, fake_pdf):
    publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)
    other = publication_create(plan=plan, kind="progress-12", layout="plan", user=coordinator)
    assert other.revision == 1


def test_a_publication_can_be_neither_edited_nor_deleted(plan, coordinator, fake_pdf):
    publication = publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)
    publication.title = "แก้ไขแล้ว"
    with pytest.raises(ImmutableError):
        publication.save()
    with pytest.raises(ImmutableError):
        publication.delete()
    with pytest.raises(ImmutableError):
        Publication.objects.filter(pk=publication.pk).update(title="แก้ไขแล้ว")
    with pytest.raises(ImmutableError):
        Publication.objects.filter(pk=publication.pk).delete()
    assert Publication.objects.get(pk=publication.pk).title != "แก้ไขแล้ว"


def test_the_admin_shows_publications_read_only(rf, plan):
    model_admin = admin.site._registry[Publication]
    request = rf.get("/")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_publishing_the_six_month_round_locks_its_entries_only(plan, coordinator, fake_pdf):
    assert not round_is_locked(plan, date(2022, 12, 1))
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    assert round_is_locked(plan, date(2022, 10, 1))
    assert round_is_locked(plan, date(2023, 3, 31))
    assert not round_is_locked(plan, date(2023, 4, 1))


def test_publishing_the_twelve_month_round_locks_the_whole_year(plan, coordinator, fake_pdf):
    publication_create(plan=plan, kind="progress-12", layout="plan", user=coordinator)
    assert round_is_locked(plan, date(2023, 4, 1))
    assert round_is_locked(plan, date(2023, 9, 30))


def test_publishing_the_measures_plan_locks_no_round(plan, coordinator, fake_pdf):
    publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)
    assert not RoundLock.objects.exists()
    assert not round_is_locked(plan, date(2022, 12, 1))


def test_republishing_a_locked_round_keeps_one_lock(plan, coordinator, fake_pdf):
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    assert RoundLock.objects.filter(reopened_at__isnull=True).count() == 1


def test_reopening_a_round_is_recorded_with_who_and_why(plan, coordinator, executive, fake_pdf):
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    lock = round_reopen(plan=plan, months=6, user=executive, reason="แก้ไขวันที่ของกิจกรรม")
    assert not round_is_locked(plan, date(2022, 12, 1))
    assert lock.reopened_by == executive
    assert lock.reopen_reason == "แก้ไขวันที่ของกิจกรรม"
    assert lock.reopened_at is not None
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    assert round_is_locked(plan, date(2022, 12, 1))
    assert RoundLock.objects.count() == 2


def test_reopening_needs_a_reason_and_a_locked_round(plan, coordinator, fake_pdf):
    with pytest.raises(ValidationError, match="ไม่ได้ถูกล็อก"):
        round_reopen(plan=plan, months=6, user=coordinator, reason="เหตุผล")
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    with pytest.raises(ValidationError, match="เหตุผล"):
        round_reopen(plan=plan, months=6, user=coordinator, reason="  ")
    assert round_is_locked(plan, date(2022, 12, 1))


# --- staff views -------------------------------------------------------------------------------


def url(name, plan, kind="progress-6"):
    slug = plan.organisation.slug
    if name == "reports:documents":
        return reverse(name, args=[slug])
    return reverse(name, args=[slug, plan.fiscal_year, kind])


def publish_form(layout, **fields):
    return {"layout": layout, "form_token": str(uuid.uuid4()), "confirm": "yes", **fields}


STAFF_URLS = [
    ("get", "reports:documents"),
    ("get", "reports:document-preview"),
    ("get", "reports:document-preview-pdf"),
    ("post", "reports:document-publish"),
    ("post", "reports:document-round-reopen"),
]


@pytest.mark.parametrize("method,name", STAFF_URLS)
def test_outsiders_get_404_and_unit_staff_403(client, plan, method, name):
    outsider = make_member(make_organisation(), Membership.Role.COORDINATOR)
    staff = make_member(plan.organisation, Membership.Role.STAFF)
    for user, status in ((outsider, 404), (staff, 403)):
        client.force_login(user)
        response = getattr(client, method)(url(name, plan), {"layout": "plan", "reason": "x"})
        assert response.status_code == status
    assert not Publication.objects.exists()


@pytest.mark.parametrize("method,name", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, plan, method, name):
    response = getattr(client, method)(url(name, plan))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_coordinator_sees_every_document_of_every_year(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(url("reports:documents", plan))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in response.text
    assert "รอบ ๑๒ เดือน" in response.text


def test_the_html_preview_shows_the_announcement_and_the_table(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.get(
        url("reports:document-preview", plan, "progress-6"), {"layout": "summary"}
    )
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    name = '<span class="unbroken">องค์การบริหารส่วนตำบล</span><span class="unbroken">บ้านดอน</span>'
    assert f"ประกาศ{name}" in response.text
    assert "ประกาศแผนจัดซื้อจัดจ้างบนเว็บไซต์แล้ว" in response.text
    assert "ผลลัพธ์/ข้อเสนอแนะ" in response.text


def test_the_pdf_preview_is_a_pdf_and_publishes_nothing(client, plan, executive):
    client.force_login(executive)
    response = client.get(url("reports:document-preview-pdf", plan, "measures"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not Publication.objects.exists()


def test_a_failed_preview_gives_a_thai_message_not_a_500(client, plan, coordinator, monkeypatch):
    from reports import document_views

    def fail(*args, **kwargs):
        raise DocumentRenderError("การสร้างไฟล์ PDF ใช้เวลานานเกินกำหนด")

    monkeypatch.setattr(document_views, "document_pdf", fail)
    client.force_login(coordinator)
    response = client.get(url("reports:document-preview-pdf", plan), follow=True)
    assert response.status_code == 200
    assert "ใช้เวลานานเกินกำหนด" in response.text


def test_the_executive_publishes_and_is_told_the_revision(client, plan, executive, fake_pdf):
    client.force_login(executive)
    response = client.post(url("reports:document-publish", plan), publish_form("plan"), follow=True)
    assert response.status_code == 200
    assert "ฉบับที่ ๑ แล้ว" in response.text
    publication = Publication.objects.get()
    assert publication.published_by == executive
    assert publication.kind == "progress-6"
    assert round_is_locked(plan, date(2022, 12, 1))


def test_publishing_without_a_valid_layout_changes_nothing(client, plan, coordinator, fake_pdf):
    client.force_login(coordinator)
    response = client.post(url("reports:document-publish", plan), publish_form("x"), follow=True)
    assert "กรุณาเลือกรูปแบบตาราง" in response.text
    assert not Publication.objects.exists()


def test_a_publish_form_without_its_token_publishes_nothing(client, plan, coordinator, fake_pdf):
    client.force_login(coordinator)
    response = client.post(url("reports:document-publish", plan), {"layout": "plan"}, follow=True)
    assert "โหลดหน้านี้ใหม่" in response.text
    assert not Publication.objects.exists()


def test_the_same_publish_form_posted_twice_makes_one_revision(client, plan, coordinator, fake_pdf):
    client.force_login(coordinator)
    form = publish_form("plan")
    for _ in range(2):
        response = client.post(url("reports:document-publish", plan), form, follow=True)
        assert "ฉบับที่ ๑ แล้ว" in response.text
    assert Publication.objects.count() == 1


def test_a_failed_publish_gives_a_thai_message_and_stores_nothing(
    client, plan, coordinator, monkeypatch, settings
):
    def fail(doc, emblem=None):
        raise DocumentRenderError("สร้างไฟล์ PDF ไม่สำเร็จ")

    monkeypatch.setattr(publishing, "pdf_from_context", fail)
    plan.organisation.emblem.save("emblem.png", ContentFile(b"emblem"), save=True)
    client.force_login(coordinator)
    response = client.post(url("reports:document-publish", plan), publish_form("plan"), follow=True)
    assert "สร้างไฟล์ PDF ไม่สำเร็จ" in response.text
    assert not Publication.objects.exists()
    assert not RoundLock.objects.exists()
    assert not list((settings.MEDIA_ROOT / "publications").glob("*"))  # no emblem copy left


def test_reopening_from_the_page_needs_a_reason(client, plan, coordinator, fake_pdf):
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    client.force_login(coordinator)
    response = client.post(url("reports:document-round-reopen", plan), {"reason": ""}, follow=True)
    assert "กรุณาระบุเหตุผล" in response.text
    assert round_is_locked(plan, date(2022, 12, 1))
    client.post(url("reports:document-round-reopen", plan), {"reason": "แก้ไขหลักฐาน"})
    assert not round_is_locked(plan, date(2022, 12, 1))


# --- what the document needs, and what the round leaves out -------------------------------------


def test_publishing_is_refused_while_the_signatory_or_emblem_is_missing(plan, coordinator):
    plan.signatory_name = ""
    plan.save()
    plan.organisation.emblem = ""
    plan.organisation.save()
    with pytest.raises(PublishError, match="ชื่อผู้ลงนามในประกาศ, ตราสัญลักษณ์ของหน่วยงาน"):
        publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)
    assert not Publication.objects.exists()


def test_the_documents_page_lists_what_is_missing_with_where_to_fix_it(client, plan, coordinator):
    plan.signatory_position = ""
    plan.save()
    client.force_login(coordinator)
    page = client.get(url("reports:documents", plan)).text
    assert "ยังเผยแพร่เอกสารของปีนี้ไม่ได้" in page
    assert "ตำแหน่งผู้ลงนามในประกาศ" in page
    assert reverse("measures:plan-edit", args=[plan.organisation.slug, 2566]) in page
    assert 'name="confirm"' not in page  # no publish button until it is complete


def test_the_documents_page_says_what_the_round_will_not_show(client, plan, coordinator):
    measure = plan.measures.get()
    make_entry(measure, date(2023, 1, 5), review_state="submitted")
    make_entry(measure, date(2023, 2, 5), review_state="returned")
    make_measure(plan, number=2)
    client.force_login(coordinator)
    page = client.get(url("reports:documents", plan)).text
    assert "ผลการดำเนินการที่รออนุมัติ ๑ รายการ" in page
    assert "ผลการดำเนินการที่ถูกส่งกลับแก้ไข ๑ รายการ" in page
    assert "มาตรการที่ยังไม่มีผลการดำเนินการที่อนุมัติในรอบนี้ ๑ มาตรการ" in page


def test_publishing_needs_the_confirmation(client, plan, coordinator, fake_pdf):
    client.force_login(coordinator)
    form = publish_form("plan")
    del form["confirm"]
    response = client.post(url("reports:document-publish", plan), form, follow=True)
    assert "กรุณาทำเครื่องหมายยืนยัน" in response.text
    assert not Publication.objects.exists()


def test_the_measures_carry_the_plans_announcement_date_not_the_publishing_day(
    client, plan, coordinator, fake_pdf
):
    client.force_login(coordinator)
    form = publish_form("plan", on="๑/๕/๒๕๖๖")  # ignored: the measures were announced earlier
    client.post(url("reports:document-publish", plan, kind="measures"), form)
    assert Publication.objects.get().data["made_on"] == "2022-10-20"


def test_a_progress_report_carries_the_date_the_coordinator_set(
    client, plan, coordinator, fake_pdf
):
    client.force_login(coordinator)
    client.post(url("reports:document-publish", plan), publish_form("plan", on="๔ เมษายน ๒๕๖๖"))
    publication = Publication.objects.get()
    assert publication.data["made_on"] == "2023-04-04"
    assert "๔ เมษายน พ.ศ. ๒๕๖๖" in str(publication.data["announcement"])


def test_the_preview_shows_the_date_the_coordinator_typed(client, plan, coordinator):
    client.force_login(coordinator)
    page = client.get(url("reports:document-preview", plan) + "?on=๔/๔/๒๕๖๖").text
    assert "๔ เมษายน พ.ศ. ๒๕๖๖" in page
    page = client.get(url("reports:document-preview", plan) + "?on=๔๔/๔/๒๕๖๖").text
    assert "จึงใช้วันที่วันนี้แทน" in page
