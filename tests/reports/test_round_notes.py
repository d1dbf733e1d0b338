"""The problems and suggestions a progress report ends with, typed by the coordinator."""

import pytest
from django.urls import reverse

from measures.models import Membership, RoundNotes
from reports.documents import document_context, document_html
from reports.publishing import publication_create
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

PROBLEMS = "งบประมาณไม่เพียงพอ\r\nบุคลากรมีภารกิจมาก"
SUGGESTIONS = "ควรจัดอบรมเพิ่มเติมปีละ 2 ครั้ง"


def notes_url(plan, kind="progress-6"):
    return reverse(
        "reports:document-round-notes", args=[plan.organisation.slug, plan.fiscal_year, kind]
    )


def test_the_coordinator_types_the_closing_sections_and_the_report_prints_them(
    client, plan, coordinator
):
    client.force_login(coordinator)
    page = client.get(notes_url(plan))
    assert page.status_code == 200 and page.text.count("<h1") == 1
    response = client.post(notes_url(plan), {"problems": PROBLEMS, "suggestions": SUGGESTIONS})
    assert response.status_code == 302
    notes = RoundNotes.objects.get(plan=plan, months=6)
    assert notes.updated_by == coordinator and notes.history.count() == 1
    doc = document_context(plan, "progress-6", "summary")
    assert doc["closing"] == [
        {"title": "ปัญหา อุปสรรค", "paragraphs": ["งบประมาณไม่เพียงพอ", "บุคลากรมีภารกิจมาก"]},
        {"title": "ข้อเสนอแนะ", "paragraphs": ["ควรจัดอบรมเพิ่มเติมปีละ ๒ ครั้ง"]},
    ]
    html = document_html(doc)
    assert html.index("ปัญหา อุปสรรค") > html.index("</table>")
    assert "<p>งบประมาณไม่เพียงพอ</p><p>บุคลากรมีภารกิจมาก</p>" in html
    # Each round has its own notes; the measures plan has none.
    assert document_context(plan, "progress-12", "plan")["closing"] == []
    assert document_context(plan, "measures", "plan")["closing"] == []


def test_an_empty_section_is_left_out(client, plan, coordinator):
    client.force_login(coordinator)
    client.post(notes_url(plan), {"problems": "  ", "suggestions": SUGGESTIONS})
    doc = document_context(plan, "progress-6", "plan")
    assert [section["title"] for section in doc["closing"]] == ["ข้อเสนอแนะ"]
    assert "ปัญหา อุปสรรค" not in document_html(doc)


def test_saving_again_edits_the_same_notes_with_history(client, plan, coordinator):
    client.force_login(coordinator)
    client.post(notes_url(plan), {"problems": PROBLEMS, "suggestions": ""})
    client.post(notes_url(plan), {"problems": "ไม่มี", "suggestions": ""})
    notes = RoundNotes.objects.get(plan=plan, months=6)
    assert notes.problems == "ไม่มี" and notes.history.count() == 2
    assert "ไม่มี" in client.get(notes_url(plan)).text


def test_the_documents_page_links_the_coordinator_to_the_notes(client, plan, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("reports:documents", args=[plan.organisation.slug]))
    assert notes_url(plan, "progress-6") in page.text
    assert notes_url(plan, "progress-12") in page.text
    assert notes_url(plan, "measures") not in page.text


def test_only_the_coordinator_edits_the_notes(client, plan, executive):
    staff = make_member(plan.organisation, Membership.Role.STAFF)
    outsider = make_member(make_organisation(), Membership.Role.COORDINATOR)
    for user, status in ((executive, 403), (staff, 403), (outsider, 404)):
        client.force_login(user)
        assert client.post(notes_url(plan), {"problems": PROBLEMS}).status_code == status
    assert not RoundNotes.objects.exists()
    client.logout()
    assert client.get(notes_url(plan)).status_code == 302


def test_the_measures_plan_has_no_notes_page(client, plan, coordinator):
    client.force_login(coordinator)
    assert client.get(notes_url(plan, "measures")).status_code == 404


def test_a_locked_round_keeps_its_notes_as_published(client, plan, coordinator, fake_pdf):

    client.force_login(coordinator)
    client.post(notes_url(plan), {"problems": PROBLEMS, "suggestions": ""})
    publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)
    response = client.post(notes_url(plan), {"problems": "แก้หลังเผยแพร่", "suggestions": ""})
    assert response.status_code == 200
    assert "เปิดให้แก้ไข" in response.text
    assert RoundNotes.objects.get(plan=plan, months=6).problems == PROBLEMS


def test_a_hyphen_in_the_closing_sections_never_ends_a_line(plan):
    # PDFium reads "ยืม-|คืน" at a line end as U+FFFE, poppler drops the "-" of "… -|ล่าช้า".
    RoundNotes.objects.create(plan=plan, months=6, problems="การยืม-คืนพัสดุ - ล่าช้า")
    html = document_html(document_context(plan, "progress-6", "plan"))
    assert '<span class="unbroken">การยืม-คืน</span>' in html
    assert '<span class="unbroken">- ล่าช้า</span>' in html
