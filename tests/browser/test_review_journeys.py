"""The review loop in a real browser: an entry sent back, fixed and approved; several approved at
once. With the keyboard alone, and every page visited passes axe."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from measures import services
from measures.models import ProgressEntry
from tests.browser.conftest import log_in, tab_to
from tests.browser.test_accessibility import blocking_violations
from tests.factories import make_entry
from tests.people import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REVIEW_PAGE = re.compile(r"/entries/\d+/review/$")


class AxeOnEveryPage:
    """Runs axe on each page a journey reaches; the journey ends by asserting none blocked."""

    def __init__(self):
        self.found = {}

    def check(self, page):
        violations = blocking_violations(page)
        if violations:
            self.found[page.url] = violations

    def assert_clean(self):
        assert self.found == {}, self.found


def test_a_returned_entry_comes_first_on_my_work_is_fixed_resent_and_approved(
    page, browser, live_server, shoot
):
    w = world()
    services.entry_submit(entry=w.entry, version=w.entry.version)
    axe = AxeOnEveryPage()

    # The executive sends it back with a comment, with the keyboard.
    log_in(page, w.executive)
    page.goto(f"/manage/{w.org.slug}/review/")
    axe.check(page)
    tab_to(page, "a:text('พิจารณาทีละรายการ')")
    page.keyboard.press("Enter")
    page.wait_for_url(REVIEW_PAGE)
    axe.check(page)
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, "input[name=decision][value=approve]")
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=decision][value=return]")).to_be_checked()
    tab_to(page, "#id_comment")
    page.keyboard.type("กรุณาแนบรูปถ่ายการประชุม")
    tab_to(page, "button:text('บันทึกผลการพิจารณา')")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success").first).to_be_visible()
    assert ProgressEntry.objects.get(pk=w.entry.pk).review_state == "returned"

    # The staff member sees it first on งานของฉัน, with the comment, and fixes it.
    staff_context = browser.new_context(
        base_url=live_server.url, locale="th-TH", viewport={"width": 1100, "height": 900}
    )
    staff = staff_context.new_page()
    log_in(staff, w.staff)
    returned = staff.locator("main .alert-warning").first
    expect(returned).to_contain_text("ส่งกลับให้แก้ไข ๑ รายการ")
    expect(returned).to_contain_text("“กรุณาแนบรูปถ่ายการประชุม”")
    first_box = staff.locator("main section > .alert, main section > ol").first
    expect(first_box).to_have_class("alert alert-warning")
    shoot(staff, "journey-returned-1-my-work")
    axe.check(staff)
    tab_to(staff, "main .alert-warning a")
    staff.keyboard.press("Enter")
    staff.wait_for_url("**/edit/")
    expect(staff.locator("main")).to_contain_text("ผู้บริหารส่งกลับให้แก้ไข: กรุณาแนบรูปถ่ายการประชุม")
    axe.check(staff)
    tab_to(staff, "#id_description")
    staff.keyboard.press("End")
    staff.keyboard.type(" พร้อมรูปถ่าย")
    tab_to(staff, "button:text('บันทึก')")
    staff.keyboard.press("Enter")
    staff.wait_for_url(re.compile(r"/measures/\d+/"))
    axe.check(staff)
    tab_to(staff, f"#entry-{w.entry.pk} button:text('ส่งอนุมัติ')")
    staff.keyboard.press("Enter")
    expect(staff.locator(".alert-success").first).to_contain_text("ส่งให้ผู้บริหารพิจารณาแล้ว")
    staff_context.close()

    # The executive comes back to the queue by the navbar (collapsed at this width: its button
    # opens it) and approves the fixed entry.
    page.reload()
    tab_to(page, ".navbar-toggler")
    page.keyboard.press("Enter")
    tab_to(page, "#main-nav a:text('รออนุมัติ')")
    expect(page.locator("#main-nav a:text('รออนุมัติ') .badge")).to_contain_text("๑")
    page.keyboard.press("Enter")
    expect(page.locator("article.queue-entry")).to_contain_text("พร้อมรูปถ่าย")
    tab_to(page, "a:text('พิจารณาทีละรายการ')")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=decision][value=approve]")
    page.keyboard.press("Space")
    tab_to(page, "button:text('บันทึกผลการพิจารณา')")
    page.keyboard.press("Enter")
    expect(page.locator("text=ไม่มีรายการรออนุมัติ")).to_be_visible()
    axe.check(page)

    entry = ProgressEntry.objects.get(pk=w.entry.pk)
    assert entry.review_state == "approved" and entry.description.endswith("พร้อมรูปถ่าย")
    axe.assert_clean()


def test_the_executive_approves_several_entries_at_once_with_the_keyboard(page, shoot):
    w = world()
    entries = [w.entry] + [
        make_entry(w.measure, date(2023, 2, day), author=w.staff) for day in (1, 2)
    ]
    for entry in entries:
        services.entry_submit(entry=entry, version=entry.version)
    left_waiting = make_entry(w.measure_works, date(2023, 2, 3), author=w.staff_other_unit)
    services.entry_submit(entry=left_waiting, version=left_waiting.version)
    axe = AxeOnEveryPage()

    log_in(page, w.executive)
    page.goto(f"/manage/{w.org.slug}/review/")
    expect(page.locator("article.queue-entry")).to_have_count(4)
    axe.check(page)
    for entry in entries:
        tab_to(page, f"#approve-{entry.pk}")
        page.keyboard.press("Space")
    shoot(page, "journey-bulk-approval-1-ticked")
    tab_to(page, "button:text('อนุมัติรายการที่เลือก')")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success").first).to_be_visible()
    expect(page.locator("article.queue-entry")).to_have_count(1)
    shoot(page, "journey-bulk-approval-2-done")
    axe.check(page)

    states = dict(ProgressEntry.objects.values_list("pk", "review_state"))
    assert [states[e.pk] for e in entries] == ["approved"] * 3
    assert states[left_waiting.pk] == "submitted"
    axe.assert_clean()
