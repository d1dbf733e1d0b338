"""Bad writes for the database constraints of reports.models (collected by the constraint guard
test in tests/measures/test_model_constraints.py, which runs each one on both databases)."""

from django.utils import timezone

from tests.factories import make_publication, make_round_lock


def _two_revisions_1():
    first = make_publication()
    make_publication(plan=first.plan)


def _two_active_locks():
    lock = make_round_lock()
    make_round_lock(publication=lock.publication)


REPORTS_BAD_WRITES = {
    "publication_unique_revision": _two_revisions_1,
    "publication_kind_valid": lambda: make_publication(kind="progress-9"),
    "publication_layout_valid": lambda: make_publication(layout="grid"),
    "publication_revision_1": lambda: make_publication(revision=0),
    "round_lock_months": lambda: make_round_lock(months=3),
    "round_lock_one_active": _two_active_locks,
    "round_lock_reopen_has_reason": lambda: make_round_lock(reopened_at=timezone.now()),
}
