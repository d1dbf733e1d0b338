"""Pages and the admin under the real Content-Security-Policy: Chromium reports no violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.people import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium fires securitypolicyviolation for every blocked script, style, font or image.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def visit(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def visit(path):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path
        assert console == [], path

    return visit


def test_public_pages_raise_no_violation(page, visit):
    # A published document's page is checked in tests/test_content_security_policy.py: the
    # flush after a browser test cannot delete publications (they are immutable).
    w = world()
    visit("/")
    visit(f"/{w.org.slug}/")
    visit("/accounts/login/")


def test_the_coordinators_pages_and_their_scripts_work_under_the_policy(page, visit):
    w = world()
    log_in(page, w.coordinator)
    slug = w.org.slug
    for path in (
        "/my-work/",
        f"/manage/{slug}/dashboard/",
        f"/manage/{slug}/measures/",
        f"/manage/{slug}/documents/",
        f"/manage/{slug}/documents/{w.plan.fiscal_year}/measures/preview/",
        reverse("measures:people", kwargs={"slug": slug}),
    ):
        visit(path)
    visit(reverse("measures:measure-create", kwargs={"slug": slug, "year": w.plan.fiscal_year}))
    # The form's script (static/js/measure_form.js) still adds a step row.
    page.click("#add-step")
    expect(page.locator("#id_steps-1-text")).to_be_visible()
    assert page.evaluate("window.__violations") == []


def test_the_admin_raises_no_violation(page, visit):
    w = world()
    log_in(page, w.admin)
    visit("/admin/")
    visit("/admin/measures/organisation/")
    visit(f"/admin/measures/organisation/{w.org.pk}/change/")
    visit(f"/admin/measures/measure/{w.measure.pk}/change/")
    visit(f"/admin/auth/user/{w.staff.pk}/change/")
    visit("/admin/measures/progressentry/")
