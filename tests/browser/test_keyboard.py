"""A staff member's weekly journey with the keyboard alone, focus visible at every stop."""

import pytest
from playwright.sync_api import expect

from measures.models import ProgressEntry
from tests.people import PASSWORD, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
}"""


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching selector has the focus; it must show it."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_staff_log_in_and_record_progress_with_the_keyboard_alone(page):
    w = world()
    page.goto("/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(w.staff.username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/my-work/")

    tab_to(page, f"a:text('{w.measure.title}')")
    page.keyboard.press("Enter")
    tab_to(page, "a:text('+ บันทึกผลการดำเนินการ')")
    page.keyboard.press("Enter")

    tab_to(page, "#id_done_on")
    page.keyboard.type("๔/๔/๒๕๖๖")
    tab_to(page, "#id_description")
    page.keyboard.type("ประชุมชี้แจงขั้นตอนด้วยแป้นพิมพ์")
    tab_to(page, "button:text('บันทึก')")
    page.keyboard.press("Enter")

    expect(page.locator("article.entry").filter(has_text="ด้วยแป้นพิมพ์")).to_be_visible()
    assert ProgressEntry.objects.filter(description__endswith="ด้วยแป้นพิมพ์").exists()
