"""A staff member's weekly journey with the keyboard alone, focus visible at every stop: log in,
record progress with a Thai date, a status, a link and a file, and send it for approval."""

import pytest
from playwright.sync_api import expect

from measures.models import ProgressEntry
from tests.browser.conftest import FOCUS_VISIBLE, log_in, tab_to, type_into
from tests.people import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Still importable from here, where they first lived.
__all__ = ["FOCUS_VISIBLE", "tab_to", "type_into"]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def choose(page, select, value, limit=10):
    """Step a closed select to value with the arrow keys, as a person without a mouse does."""
    tab_to(page, select)
    for _ in range(limit):
        if page.locator(select).input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not among {select}'s options")


def test_unit_staff_record_progress_with_a_thai_date_and_a_file_and_submit_it(
    page, shoot, tmp_path
):
    w = world()
    evidence = tmp_path / "รายงานการประชุม.pdf"
    evidence.write_bytes(PDF)

    log_in(page, w.staff)
    tab_to(page, f"main a:text('{w.measure.title}')")
    page.keyboard.press("Enter")
    tab_to(page, "a:text('+ บันทึกผลการดำเนินการ')")
    page.keyboard.press("Enter")
    type_into(page, "#id_done_on", "๔/๔/๒๕๖๖")
    choose(page, "#id_status", "done")
    expect(page.locator("#id_percent")).to_have_value("100")
    type_into(page, "#id_description", "ประชุมชี้แจงการเผยแพร่รายงานการเงิน ตามคำสั่งที่ ๗๗๗/๒๕๖๕")
    type_into(page, "#id_links-0-url", "https://www.example.go.th/news/7")
    type_into(page, "#id_links-0-title", "ข่าวประชาสัมพันธ์บนเว็บไซต์")
    # Space here opens the system's file dialog, which is not the portal's: fill it directly.
    tab_to(page, "#id_files")
    page.set_input_files("#id_files", str(evidence))
    tab_to(page, "button:text('บันทึกและส่งอนุมัติ')")
    page.keyboard.press("Enter")

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
