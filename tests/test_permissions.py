"""Who gets what: every URL of the project × every role × own/other organisation.

HOW TO ADD YOUR VIEW: add one row to MATRIX below, keyed by the URL name ("namespace:name").
A URL pattern without a row makes `test_every_url_pattern_has_a_row_in_the_matrix` fail, so no
view can skip this table.

A row is Row(method, target, expected[, data][, extra]):
- method: "get" or "post" (post sends `data`, default empty: a form view should answer 200 with
  its errors, an action 302; nothing must answer 500).
- target: which object the URL points at, so the test can fill in the URL's parameters:
  "none" (no parameters), "org", "plan", "measure", "entry", "evidence", "membership" (the
  staff member's in A, the outsider's in B), "unit", "invitation". Parameters are filled
  by name: slug → the organisation's slug, pk → the object's pk, year → the plan's fiscal
  year; `extra` gives any other parameters as a dict (e.g. {"months": 6}).
- expected: seven tokens, one per role in ROLES order:
      anonymous  outsider  staff  staff_other_unit  coordinator  executive  admin
  each "OWN/OTHER": the status code when the URL points at organisation A's object (A is the
  organisation of staff, staff_other_unit, coordinator and executive) / at organisation B's
  object (B is the outsider's own organisation). A single code means the same for both.
  The people (see tests/people.py): staff is in A's unit that is responsible for the measure,
  staff_other_unit in another unit of A, admin is a superuser who is a member of neither: an
  observer of both, who sees what members see and changes nothing (403).

On top of the table, any URL with both a slug and a pk is also asked with A's slug and B's pk:
every signed-in role must get 404 (an id of another organisation never leaks through one's own
slug); anonymous gets what it gets for A's object if that is a login redirect, else 404.

Django's admin (admin:*) is left out on purpose: its staff-only gate is Django's own, tested
there, and it is for site administrators only.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from measures.invitations import invitation_create
from measures.models import EvidenceFile
from tests.people import world

EXCLUDED_NAMESPACES = ("admin",)
ROLES = (
    "anonymous",
    "outsider",
    "staff",
    "staff_other_unit",
    "coordinator",
    "executive",
    "admin",
)


@dataclass
class Row:
    method: str
    target: str
    expected: str
    data: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def statuses(self, role):
        token = self.expected.split()[ROLES.index(role)]
        own, _, other = token.partition("/")
        return int(own), int(other or own)


# Shorthands for the most common lines.
#                 anonymous outsider staff   staff2  coord   exec    admin
PUBLIC = "200 200 200 200 200 200 200"
SIGNED_IN = "302 200 200 200 200 200 200"
MEMBERS = "302/302 404/200 200/404 200/404 200/404 200/404 200/200"
COORDINATORS = "302/302 404/403 403/404 403/404 200/404 403/404 403/403"
EXECUTIVES = "302/302 404/403 403/404 403/404 403/404 200/404 403/403"
# Coordinators, and staff of the units responsible for the measure (the outsider is, in B).
ENTRY_EDITORS = "302/302 404/200 200/404 403/404 200/404 403/404 403/403"
DOCUMENT_MANAGERS = "302/302 404/403 403/404 403/404 200/404 200/404 403/403"
NOTHING_YET = "404 404 404 404 404 404 404"

MATRIX = {
    "healthz": Row("get", "none", PUBLIC),
    # --- public pages and log-in -----------------------------------------------------------
    "reports:home": Row("get", "none", PUBLIC),
    "reports:organisation": Row("get", "org", PUBLIC),
    # The test organisations have no emblem uploaded.
    "reports:organisation-emblem": Row("get", "org", "404 404 404 404 404 404 404"),
    # The ITAS answer sheet of the plan's year (2566, a framework the catalog holds).
    "reports:itas": Row("get", "plan", PUBLIC),
    "reports:itas-csv": Row("get", "plan", PUBLIC),
    # Open data of a plan: public once announced; the test plans are not.
    "reports:open-data-csv": Row("get", "plan", NOTHING_YET),
    "reports:open-data-json": Row("get", "plan", NOTHING_YET),
    "login": Row("get", "none", PUBLIC),
    # Forgotten passwords: the same pages for everyone, whether or not the address is known.
    "password_reset": Row("get", "none", PUBLIC),
    "password_reset_done": Row("get", "none", PUBLIC),
    "password_reset_confirm": Row("get", "none", PUBLIC, extra={"uidb64": "MQ", "token": "x-y"}),
    "password_reset_complete": Row("get", "none", PUBLIC),
    # An invitation's link: an unknown token is not found, for everyone.
    "measures:invitation": Row("get", "none", NOTHING_YET, extra={"token": "unknown"}),
    "measures:reminder-settings": Row("get", "none", SIGNED_IN),
    "logout": Row("post", "none", "302 302 302 302 302 302 302"),
    # --- staff pages ---------------------------------------------------------------------------
    "measures:my-work": Row("get", "none", SIGNED_IN),
    # Site administrators pick an organisation to observe; nobody else has the page.
    "measures:organisation-pick": Row("get", "none", "302 404 404 404 404 404 200"),
    "measures:measure-detail": Row("get", "measure", MEMBERS),
    "measures:plan-create": Row("get", "org", COORDINATORS),
    "measures:plan-edit": Row("get", "plan", COORDINATORS),
    # The confirmation of next year's plan (the test plans' next year has none yet).
    "measures:plan-rollover": Row("get", "plan", COORDINATORS),
    "measures:measure-create": Row("get", "plan", COORDINATORS),
    "measures:measure-edit": Row("get", "measure", COORDINATORS),
    "measures:measure-delete": Row("get", "measure", COORDINATORS),
    "measures:measure-move": Row(
        "post",
        "measure",
        "302/302 404/403 403/404 403/404 302/404 403/404 403/403",
        data={"direction": "down"},
    ),
    "measures:entry-create": Row("get", "measure", ENTRY_EDITORS),
    "measures:entry-edit": Row("get", "entry", ENTRY_EDITORS),
    "measures:entry-submit": Row(
        "post", "entry", "302/302 404/302 302/404 403/404 302/404 403/404 403/403"
    ),
    "measures:evidence-file": Row("get", "evidence", MEMBERS),
    "measures:people": Row("get", "org", COORDINATORS),
    # Posting an empty form re-shows the page with its errors.
    "measures:unit-add": Row("post", "org", COORDINATORS),
    # Renaming to an empty name is refused with a message; retiring goes back to the page.
    "measures:unit-edit": Row("post", "unit", COORDINATORS.replace("200", "302")),
    "measures:unit-retire": Row("post", "unit", COORDINATORS.replace("200", "302")),
    # Posting an empty form re-shows the page with its errors.
    "measures:invitation-add": Row("post", "org", COORDINATORS),
    "measures:invitation-resend": Row("post", "invitation", COORDINATORS.replace("200", "302")),
    "measures:invitation-cancel": Row("post", "invitation", COORDINATORS.replace("200", "302")),
    "measures:member-edit": Row("get", "membership", COORDINATORS),
    # Removing the staff member's membership (the outsider's, in B).
    "measures:member-remove": Row(
        "post", "membership", "302/302 404/403 403/404 403/404 302/404 403/404 403/403"
    ),
    "measures:review-queue": Row("get", "org", EXECUTIVES),
    # Approving nothing is refused with a message (and a redirect to the queue).
    "measures:entries-approve": Row("post", "org", EXECUTIVES.replace("200", "302")),
    "measures:entry-review": Row("get", "entry", EXECUTIVES),
    # --- ITA results: coordinators enter them, coordinators and executives read them --------
    "measures:ita-results": Row("get", "org", DOCUMENT_MANAGERS),
    # The test organisations have no result yet: the page says so (year = the plan's, 2566).
    "measures:ita-result": Row("get", "plan", DOCUMENT_MANAGERS),
    "measures:ita-result-enter": Row("get", "plan", COORDINATORS),
    # Plan import: the page (coordinators only), a confirm without its signed preview refused
    # with a message; the template for coordinators; the export for every member.
    "measures:plan-import": Row("get", "plan", COORDINATORS),
    "measures:plan-import-confirm": Row("post", "plan", COORDINATORS.replace("200", "302")),
    "measures:plan-import-template": Row("get", "org", COORDINATORS),
    "measures:plan-export": Row("get", "plan", MEMBERS),
    # Posting nothing re-shows the form with its error.
    "measures:ita-result-import": Row("post", "plan", COORDINATORS),
    # Without a result of that year there is nothing to attach an approach to: a message.
    "measures:ita-result-approaches": Row("post", "plan", COORDINATORS.replace("200", "302")),
    # A weak item becomes a measure: without a result of that year, a message (and a redirect).
    "measures:ita-weak-item-measure": Row(
        "post", "plan", COORDINATORS.replace("200", "302"), extra={"code": "O20"}
    ),
    # A missing preview is refused with a message (and a redirect to the import page).
    "measures:ita-result-confirm": Row("post", "plan", COORDINATORS.replace("200", "302")),
    # --- dashboard and the measure list behind it (staff see it restricted to their units) -
    "reports:dashboard-home": Row("get", "none", "302 302 302 302 302 302 302"),
    "reports:dashboard": Row("get", "org", MEMBERS),
    "reports:measure-list": Row("get", "org", MEMBERS),
    # Search: members within what their units may see; the public over what is public.
    "measures:search": Row("get", "org", MEMBERS),
    "reports:search": Row("get", "none", PUBLIC),
    # --- official documents: coordinators and executives preview and publish ---------------
    "reports:documents": Row("get", "org", DOCUMENT_MANAGERS),
    "reports:document-preview": Row("get", "plan", DOCUMENT_MANAGERS, extra={"kind": "measures"}),
    "reports:document-preview-pdf": Row(
        "get", "plan", DOCUMENT_MANAGERS, extra={"kind": "measures"}
    ),
    # The DOCX working copy of the preview, same access as the preview.
    "reports:document-preview-docx": Row(
        "get", "plan", DOCUMENT_MANAGERS, extra={"kind": "progress-6"}
    ),
    # Without a layout the publish form is refused with a message (and a redirect).
    "reports:document-publish": Row(
        "post", "plan", DOCUMENT_MANAGERS.replace("200", "302"), extra={"kind": "progress-6"}
    ),
    "reports:document-round-reopen": Row(
        "post", "plan", DOCUMENT_MANAGERS.replace("200", "302"), extra={"kind": "progress-6"}
    ),
    # The closing sections of a progress report: the coordinator alone types them.
    "reports:document-round-notes": Row("get", "plan", COORDINATORS, extra={"kind": "progress-6"}),
    # The analysis of the plan year's previous ITA result: none in the test world, a message.
    "reports:analysis-preview-pdf": Row("get", "plan", DOCUMENT_MANAGERS.replace("200", "302")),
    "reports:analysis-preview-docx": Row("get", "plan", DOCUMENT_MANAGERS.replace("200", "302")),
    # Publishing it unconfirmed is refused with a message (and a redirect to the documents).
    "reports:analysis-publish": Row("post", "plan", DOCUMENT_MANAGERS.replace("200", "302")),
    # --- published documents are public; the test plans have none yet --------------------
    "reports:publication-pdf": Row("get", "plan", NOTHING_YET, extra={"kind": "measures"}),
    "reports:publication": Row("get", "plan", NOTHING_YET, extra={"kind": "measures"}),
    "reports:publication-revision-pdf": Row(
        "get", "plan", NOTHING_YET, extra={"kind": "measures", "revision": 1}
    ),
    "reports:publication-revision": Row(
        "get", "plan", NOTHING_YET, extra={"kind": "measures", "revision": 1}
    ),
    "reports:publication-emblem": Row(
        "get", "plan", NOTHING_YET, extra={"kind": "measures", "revision": 1}
    ),
    # --- the open-data API: public and read-only; the test plans are not announced -------
    "api:api-root": Row("get", "none", NOTHING_YET),
    "api:openapi-json": Row("get", "none", PUBLIC),
    "api:openapi-view": Row("get", "none", PUBLIC),
    "api:organisations": Row("get", "none", PUBLIC),
    "api:organisation": Row("get", "org", PUBLIC),
    "api:plans": Row("get", "org", PUBLIC),
    "api:measures": Row("get", "plan", NOTHING_YET),
    "api:progress": Row("get", "plan", NOTHING_YET),
    "api:documents": Row("get", "org", PUBLIC),
    "api:itas": Row("get", "plan", PUBLIC),
    "api:frameworks": Row("get", "none", PUBLIC),
    # The year is the plan's (2566), whose framework the catalog holds.
    "api:framework": Row("get", "plan", PUBLIC),
}


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _walk(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed {p.pattern}>"


def project_url_names():
    return {
        name
        for name in _walk(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in EXCLUDED_NAMESPACES))
    }


def _params(name):
    """The parameter names of a URL pattern, from the resolver's reverse dictionary."""
    resolver = get_resolver()
    *namespaces, view_name = name.split(":")
    for ns in namespaces:
        resolver = resolver.namespace_dict[ns][1]
    possibilities = resolver.reverse_dict.getlist(view_name)
    return set(possibilities[0][0][0][1]) if possibilities else set()


def test_every_url_pattern_has_a_row_in_the_matrix():
    missing = sorted(project_url_names() - MATRIX.keys())
    assert not missing, f"add these URL names to MATRIX in tests/test_permissions.py: {missing}"


def test_every_row_of_the_matrix_names_an_existing_url():
    assert not sorted(MATRIX.keys() - project_url_names())


def test_every_row_has_a_status_for_each_role_and_a_known_target():
    for name, row in MATRIX.items():
        assert len(row.expected.split()) == len(ROLES), name
        assert row.target in {
            "none",
            "org",
            "plan",
            "measure",
            "entry",
            "evidence",
            "membership",
            "unit",
            "invitation",
        }, name
        assert row.method in {"get", "post"}, name


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module inside a transaction rolled back at its end; each
    test runs in a savepoint inside it (the `db` fixture), so what a POST changes is undone."""
    media_root = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media_root):
            w = world()
            w.media_root = media_root
            w.staff_membership = w.staff.memberships.get()
            w.outsider_membership = w.outsider.memberships.get()
            for attr, entry in (("evidence", w.entry), ("other_evidence", w.other_entry)):
                evidence = EvidenceFile(
                    entry=entry, original_name="หลักฐาน.pdf", content_type="application/pdf", size=9
                )
                evidence.file.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
                evidence.save()
                setattr(w, attr, evidence)
            for attr, by in (
                ("invitation", w.coordinator),
                ("other_invitation", w.other_coordinator),
            ):
                invitation, token = invitation_create(
                    organisation=by.memberships.get().organisation,
                    email="invited@example.org",
                    role="executive",
                    invited_by=by,
                )
                setattr(w, attr, invitation)
                setattr(w, f"{attr}_token", token)
            yield w
        transaction.set_rollback(True)


@pytest.fixture
def w(db, world_once, settings):
    settings.MEDIA_ROOT = world_once.media_root
    return world_once


def _objects(w, side):
    if side == "own":
        return {
            "org": w.org,
            "plan": w.plan,
            "measure": w.measure,
            "entry": w.entry,
            "evidence": w.evidence,
            "membership": w.staff_membership,
            "unit": w.works,
            "invitation": w.invitation,
        }
    return {
        "org": w.other,
        "plan": w.other_plan,
        "measure": w.other_measure,
        "entry": w.other_entry,
        "evidence": w.other_evidence,
        "membership": w.outsider_membership,
        "unit": w.other_unit,
        "invitation": w.other_invitation,
    }


def _url(name, row, slug_side, object_side, w):
    params = _params(name)
    kwargs = dict(row.extra)
    if "slug" in params:
        kwargs["slug"] = _objects(w, slug_side)["org"].slug
    if "year" in params:
        kwargs["year"] = _objects(w, object_side)["plan"].fiscal_year
    if "pk" in params:
        kwargs["pk"] = _objects(w, object_side)[row.target].pk
    return reverse(name, kwargs=kwargs)


def _ask(client, w, role, name, row, url):
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(w, role))
    return getattr(client, row.method)(url, row.data).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_status(client, w, name, role):
    row = MATRIX[name]
    expected_own, expected_other = row.statuses(role)
    got_own = _ask(client, w, role, name, row, _url(name, row, "own", "own", w))
    # A fresh world is not needed for the other side: the two organisations share nothing.
    got_other = _ask(client, w, role, name, row, _url(name, row, "other", "other", w))
    assert (got_own, got_other) == (expected_own, expected_other)

    if {"slug", "pk"} <= _params(name):
        expected_mixed = 404
        if role == "anonymous" and expected_own == 302:
            expected_mixed = 302
        assert _ask(client, w, role, name, row, _url(name, row, "own", "other", w)) == (
            expected_mixed
        )
