"""Bad writes for the database constraints of reports.models (collected by the constraint guard
test in tests/measures/test_model_constraints.py, which runs each one on both databases)."""

from django.utils import timezone

from reports.models import Publication, RoundLock
from tests.factories import make_organisation, make_plan, make_user


def _publication(plan=None, **fields):
    plan = plan or make_plan(make_organisation())
    values = {
        "plan": plan,
        "kind": "measures",
        "layout": "plan",
        "revision": 1,
        "title": "มาตรการ",
        "file": "publications/x.pdf",
        "sha256": "0" * 64,
        "size": 1,
        "published_at": timezone.now(),
        "published_by": make_user(),
        "data": {},
    }
    return Publication.objects.create(**{**values, **fields})


def _lock(publication=None, **fields):
    publication = publication or _publication(kind="progress-6")
    values = {
        "plan": publication.plan,
        "months": 6,
        "publication": publication,
        "locked_at": timezone.now(),
        "locked_by": publication.published_by,
    }
    return RoundLock.objects.create(**{**values, **fields})


def _two_revisions_1():
    first = _publication()
    _publication(plan=first.plan)


def _two_active_locks():
    lock = _lock()
    _lock(publication=lock.publication)


REPORTS_BAD_WRITES = {
    "publication_unique_revision": _two_revisions_1,
    "publication_kind_valid": lambda: _publication(kind="progress-9"),
    "publication_layout_valid": lambda: _publication(layout="grid"),
    "publication_revision_1": lambda: _publication(revision=0),
    "round_lock_months": lambda: _lock(months=3),
    "round_lock_one_active": _two_active_locks,
    "round_lock_reopen_has_reason": lambda: _lock(reopened_at=timezone.now()),
}
