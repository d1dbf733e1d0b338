"""Bad writes for the database constraints of reports.models (collected by the constraint guard
test in tests/measures/test_model_constraints.py, which runs each one on both databases)."""

from tests.factories import make_publication


def _two_revisions_1():
    first = make_publication()
    make_publication(plan=first.plan)


REPORTS_BAD_WRITES = {
    "publication_unique_revision": _two_revisions_1,
    "publication_kind_valid": lambda: make_publication(kind="progress-9"),
    "publication_layout_valid": lambda: make_publication(layout="grid"),
    "publication_revision_1": lambda: make_publication(revision=0),
}
