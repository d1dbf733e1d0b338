import pytest
from django.db import transaction

from reports import dashboard
from tests.reports.test_dashboard import TODAY, build_known_plan


@pytest.fixture(scope="module")
def known(django_db_setup, django_db_blocker):
    """The dashboard's small known plan, built once per module in a transaction rolled back at
    its end; each test runs in a savepoint inside it, so what a test changes is undone as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_known_plan()
        transaction.set_rollback(True)


@pytest.fixture
def frozen_today(monkeypatch):
    """The dashboard's "today" pinned to the known plan's date."""
    monkeypatch.setattr(dashboard, "today", lambda: TODAY)
