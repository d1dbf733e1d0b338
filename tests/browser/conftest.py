"""Browser journeys: Playwright drives Debian's chromium against pytest-django's live server.

One browser for the whole session (launching costs about a second); a fresh context (cookies,
storage) per test. Screenshots go to artifacts/ (git-ignored) for a person to look at.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the fixtures in
# the same thread, refuses to run under one unless told it is safe (it is: nothing here is async).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    # As long as the contexts wait for a page (below): saving an entry with a file on CI's two
    # busy cores has taken more than expect's own five seconds.
    expect.set_options(timeout=10_000)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Every test after the first journey ran its ORM calls in Playwright's context, on
        # connections of that context; close them while still in it, or the session's end
        # (back in the plain context) cannot see them and PostgreSQL refuses to drop the
        # test database while they are open.
        connections.close_all()


@pytest.fixture(scope="module", autouse=True)
def catalog_restored_afterwards(django_db_blocker):
    """Leave the database as the session set it up: tests after these expect the catalog."""
    yield
    with django_db_blocker.unblock():
        call_command("load_ita_catalog", verbosity=0)
        # While Playwright's event loop runs in this thread, Django keeps a second connection
        # for ORM calls made in the loop's context (the flushes after each test use it too);
        # close it, or PostgreSQL cannot drop the test database at the end.
        connections.close_all()


@pytest.fixture
def catalog(transactional_db):
    # live_server tests run in transactions that are flushed afterwards, which also empties the
    # catalog the session loaded: load it again for each journey (under a second).
    call_command("load_ita_catalog", verbosity=0)


@pytest.fixture
def page(browser, live_server, catalog, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(
        base_url=live_server.url, locale="th-TH", viewport={"width": 1100, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shoot():
    """Save a full-page screenshot as artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return shoot


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


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def log_in(page, user, password="a-long-test-password"):
    """With the keyboard, as every journey's steps are (issue 14: keyboard alone, focus visible)."""
    page.goto("/accounts/login/")
    type_into(page, "#id_username", user.username)
    type_into(page, "#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/my-work/")
