"""axe-core on every page each role can reach: no serious or critical violation.

The pages are the permission matrix's GET rows that answer 200 for the role on its own
organisation (tests/test_permissions.py), so a new page is checked as soon as it has its row.
Markup and colours do not depend on the database: the PostgreSQL leg leaves this out.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in
from tests.people import world
from tests.test_permissions import MATRIX, _url

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
ROLES = ["anonymous", "staff", "coordinator", "executive", "admin"]


def pages_for(role, w):
    # The matrix's URL builder reads every kind of object; evidence is a file, not a page, and
    # invitations are only posted to.
    w.evidence = w.other_evidence = w.invitation = w.other_invitation = None
    w.staff_membership = w.staff.memberships.get()
    w.outsider_membership = w.outsider.memberships.get()
    for name, row in sorted(MATRIX.items()):
        if row.method == "get" and row.target != "evidence" and row.statuses(role)[0] == 200:
            yield name, _url(name, row, "own", "own", w)


def blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['nodes'][0]['target']} "
        f"{v['nodes'][0]['any'][0]['message'] if v['nodes'][0]['any'] else ''}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_passes_axe(page, role):
    w = world()
    if role != "anonymous":
        log_in(page, getattr(w, role))
    found = {}
    checked = 0
    for name, url in pages_for(role, w):
        # A PDF, CSV, JSON or image is not a page (and a browser would download some).
        if "text/html" not in page.request.get(url).headers.get("content-type", ""):
            continue
        page.goto(url)
        checked += 1
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
    assert checked >= 3, checked
    if found:
        pytest.fail("\n".join(f"{name}: {'; '.join(v)}" for name, v in found.items()))
