"""The weekly journeys of the portal, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Measure, ProgressEntry
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_keyboard import tab_to
from tests.people import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_unit_staff_record_progress_with_a_thai_date_and_a_file_and_submit_it(
    page, shoot, tmp_path
):
    w = world()
    evidence = tmp_path / "รายงานการประชุม.pdf"
    evidence.write_bytes(PDF)

    log_in(page, w.staff)
    page.click(f"text={w.measure.title}")
    page.click("text=+ บันทึกผลการดำเนินการ")
    page.fill("#id_done_on", "๔/๔/๒๕๖๖")
    page.fill("#id_description", "ประชุมชี้แจงการเผยแพร่รายงานการเงิน ตามคำสั่งที่ ๗๗๗/๒๕๖๕")
    page.select_option("#id_status", "done")
    expect(page.locator("#id_percent")).to_have_value("100")
    page.fill("#id_links-0-url", "https://www.example.go.th/news/7")
    page.fill("#id_links-0-title", "ข่าวประชาสัมพันธ์บนเว็บไซต์")
    page.set_input_files("#id_files", str(evidence))
    page.click("text=บันทึกและส่งอนุมัติ")

    entry_card = page.locator("article.entry").filter(has_text="ประชุมชี้แจง")
    expect(entry_card).to_contain_text("๔ เมษายน พ.ศ. ๒๕๖๖")
    expect(entry_card).to_contain_text("รออนุมัติ")
    expect(entry_card).to_contain_text("รายงานการประชุม.pdf")
    shoot(page, "journey-1-staff-submitted")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "journey-1-staff-submitted-phone")

    entry = ProgressEntry.objects.get(description__startswith="ประชุมชี้แจง")
    assert entry.review_state == "submitted" and entry.percent == 100
    assert entry.files.get().content_type == "application/pdf"


def test_the_executive_approves_from_the_queue(page, shoot):
    from measures import services

    w = world()
    services.entry_submit(entry=w.entry, version=w.entry.version)

    log_in(page, w.executive)
    page.click("text=รายการรออนุมัติ")
    expect(page.locator("article.queue-entry")).to_have_count(1)
    shoot(page, "journey-2-executive-queue")
    page.click("text=พิจารณา")
    page.check("input[name=decision][value=approve]")
    page.click("text=บันทึกผลการพิจารณา")

    expect(page.locator(".alert-success").first).to_contain_text("อนุมัติผลการดำเนินการแล้ว")
    expect(page.locator("text=ไม่มีรายการรออนุมัติ")).to_be_visible()
    shoot(page, "journey-2-executive-approved")
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "approved"


def test_the_coordinator_adds_a_measure_with_two_units_and_three_questions(page, shoot):
    w = world()

    log_in(page, w.coordinator)
    page.click("text=+ เพิ่มมาตรการ")
    page.fill("#id_title", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์")
    page.check("label:has-text('กองคลัง')")
    page.check("label:has-text('กองช่าง')")
    # One question picked from the list by searching, two typed as documents print them.
    page.fill("#question-filter", "e6")
    page.locator(".question-choice:visible").first.locator("input").check()
    page.fill("#id_question_codes", "๐๒๐, 1๑๐")
    page.fill("#id_steps-0-text", "จัดทำประกาศ")
    page.click("#add-step")
    page.fill("#id_steps-1-text", "เผยแพร่บนเว็บไซต์")
    page.fill("#id_steps-1-deadline", "15 ม.ค. 66")
    page.fill("#id_period", "ต.ค. ๖๕ - มี.ค. ๖๖")
    page.fill("#id_deadline", "๓๑/๓/๒๕๖๖")
    shoot(page, "journey-3-coordinator-form")
    page.click("text=บันทึกมาตรการ")

    expect(page.locator("h1")).to_contain_text("เปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์")
    questions = page.locator(".measure-questions")
    for code in ("e๖", "O๒๐", "i๑๐"):
        expect(questions).to_contain_text(code)
    expect(page.locator(".measure-facts")).to_contain_text(re.compile("กองคลัง.*กองช่าง"))
    expect(page.locator(".measure-steps li")).to_have_count(2)
    shoot(page, "journey-3-coordinator-measure")
    measure = Measure.objects.get(title="เปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์")
    assert measure.units.count() == 2 and measure.questions.count() == 3


def test_an_outsider_from_another_organisation_is_refused(page, shoot):
    w = world()

    log_in(page, w.outsider)
    response = page.goto(f"/manage/{w.org.slug}/measures/{w.measure.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(w.measure.title)
    shoot(page, "journey-4-outsider-refused")


def test_repeated_wrong_passwords_meet_a_thai_lockout_page(page, shoot):
    w = world()

    for _ in range(5):
        page.goto("/accounts/login/")
        page.fill("#id_username", w.staff.username)
        page.fill("#id_password", "wrong-password")
        page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("ระงับการเข้าสู่ระบบชั่วคราว")
    expect(page.locator(".alert-warning")).to_contain_text("๑๕ นาที")
    shoot(page, "journey-5-lockout")


def test_a_coordinator_invites_a_person_who_joins_by_the_link(page, shoot, browser, mailoutbox):
    """With the keyboard alone on both sides, focus visible at every stop."""
    from measures.models import Membership

    w = world()
    log_in(page, w.coordinator)
    tab_to(page, "main a:text('สำนัก/กองและสมาชิก')")
    page.keyboard.press("Enter")
    tab_to(page, "#id_email")
    page.keyboard.type("somsri@example.go.th")
    tab_to(page, "#id_role")
    for _ in range(6):  # a closed select steps through its options with the arrow keys
        if page.locator("#id_role").input_value() == "staff":
            break
        page.keyboard.press("ArrowDown")
    works = page.locator("#invitations label:has-text('กองช่าง')").get_attribute("for")
    tab_to(page, f"#{works}")
    page.keyboard.press("Space")
    tab_to(page, "button:text('ส่งคำเชิญ')")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success").first).to_contain_text("ส่งคำเชิญไปที่ somsri@example.go.th")
    expect(page.locator("li.invitation")).to_contain_text("somsri@example.go.th")
    shoot(page, "journey-invitation-1-sent")
    assert blocking_violations(page) == []

    link = re.search(r"https?://\S+/accounts/invitations/[^/\s]+/", mailoutbox[0].body).group(0)
    invited = browser.new_context(locale="th-TH", viewport={"width": 1100, "height": 900})
    newcomer = invited.new_page()
    newcomer.goto(link)
    expect(newcomer.locator("h1")).to_contain_text("ตอบรับคำเชิญเข้าร่วม อบต.เอ")
    for field, text in [
        ("#id_username", "somsri"),
        ("#id_first_name", "สมศรี"),
        ("#id_last_name", "ใจงาม"),
        ("#id_password1", "ดาวเรือง-ยาวพอ-2569"),
        ("#id_password2", "ดาวเรือง-ยาวพอ-2569"),
    ]:
        tab_to(newcomer, field)
        newcomer.keyboard.type(text)
    shoot(newcomer, "journey-invitation-2-join")
    assert blocking_violations(newcomer) == []
    tab_to(newcomer, "button:text('สร้างบัญชีและเข้าร่วม')")
    newcomer.keyboard.press("Enter")
    newcomer.wait_for_url("**/my-work/")
    expect(newcomer.locator(".alert-success").first).to_contain_text("เข้าร่วม อบต.เอ แล้ว")
    expect(newcomer.locator("main")).to_contain_text(w.measure_works.title)
    shoot(newcomer, "journey-invitation-3-joined")
    assert blocking_violations(newcomer) == []
    invited.close()

    membership = Membership.objects.get(user__username="somsri")
    assert membership.role == "staff" and list(membership.units.all()) == [w.works]
