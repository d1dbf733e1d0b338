import pytest
from django.urls import reverse

from measures import services
from measures.models import ProgressEntry
from tests.people import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    w = world()
    services.entry_submit(entry=w.entry, version=w.entry.version)
    w.entry.refresh_from_db()
    return w


def review_url(w):
    return reverse("measures:entry-review", kwargs={"slug": w.org.slug, "pk": w.entry.pk})


def test_the_queue_lists_submitted_entries_of_the_own_organisation_only(client, w):
    services.entry_submit(entry=w.other_entry, version=w.other_entry.version)
    client.force_login(w.executive)
    text = client.get(reverse("measures:review-queue", kwargs={"slug": w.org.slug})).text
    assert "เผยแพร่รายงานการเงิน" in text
    assert review_url(w) in text
    assert f"/entries/{w.other_entry.pk}/review/" not in text


def test_the_queue_says_when_nothing_waits(client, w):
    services.entry_approve(entry=w.entry, version=w.entry.version, reviewer=w.executive)
    client.force_login(w.executive)
    text = client.get(reverse("measures:review-queue", kwargs={"slug": w.org.slug})).text
    assert "ไม่มีรายการรออนุมัติ" in text


def test_the_executive_approves_an_entry(client, w):
    client.force_login(w.executive)
    response = client.post(review_url(w), {"decision": "approve", "version": w.entry.version})
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(pk=w.entry.pk)
    assert entry.review_state == "approved" and entry.reviewed_by == w.executive


def test_returning_without_a_comment_asks_for_one_in_thai(client, w):
    client.force_login(w.executive)
    response = client.post(
        review_url(w), {"decision": "return", "comment": "", "version": w.entry.version}
    )
    assert response.status_code == 200
    assert "กรุณาระบุสิ่งที่ต้องแก้ไข" in response.text
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "submitted"


def test_a_returned_entry_carries_the_comment_back_to_its_author(client, w):
    client.force_login(w.executive)
    client.post(
        review_url(w),
        {"decision": "return", "comment": "กรุณาแนบรูปถ่ายการประชุม", "version": w.entry.version},
    )

    client.force_login(w.staff)
    detail = reverse("measures:measure-detail", kwargs={"slug": w.org.slug, "pk": w.measure.pk})
    text = client.get(detail).text
    assert "ส่งกลับแก้ไข" in text and "กรุณาแนบรูปถ่ายการประชุม" in text
    edit = reverse("measures:entry-edit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    assert "กรุณาแนบรูปถ่ายการประชุม" in client.get(edit).text

    entry = ProgressEntry.objects.get(pk=w.entry.pk)
    submit = reverse("measures:entry-submit", kwargs={"slug": w.org.slug, "pk": w.entry.pk})
    assert client.post(submit, {"version": entry.version}).status_code == 302
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "submitted"


def test_approving_an_entry_changed_since_it_was_opened_is_refused(client, w):
    opened_version = w.entry.version
    services.entry_update(entry=w.entry, version=opened_version, description="แก้ไขภายหลัง")
    services.entry_submit(entry=w.entry, version=w.entry.version)
    client.force_login(w.executive)
    response = client.post(review_url(w), {"decision": "approve", "version": opened_version})
    assert response.status_code == 200
    assert "ดำเนินการตามขั้นตอน → แก้ไขภายหลัง" in response.text
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "submitted"


def test_approving_a_draft_is_refused_with_a_message(client, w):
    services.entry_update(entry=w.entry, version=w.entry.version, description="กลับเป็นร่าง")
    client.force_login(w.executive)
    response = client.post(
        review_url(w), {"decision": "approve", "version": w.entry.version}, follow=True
    )
    assert "อนุมัติได้เฉพาะผลการดำเนินการที่ส่งมาเพื่อรออนุมัติ" in response.text
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "draft"
