"""Busy offices: many people saving and publishing at the same moment, through real threads.

Each thread has its own database connection, as each gunicorn worker would; on SQLite the test
database is a file (tests/conftest.py), so this is the embedded default's real locking. The
entries are dated in May, outside the 6-month round that the publishing locks."""

import threading
import uuid
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from measures.models import Framework, Membership, ProgressEntry
from reports.models import Publication
from tests.factories import make_measure, make_member, make_organisation, make_plan, make_unit
from tests.reports.conftest import emblem_png

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = 8
PUBLISHERS = 3


def run_at_once(jobs):
    """Start every job at the same moment; return what each answered (or the error it raised)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # reported as the result, and so failing the assertions
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def office(fake_pdf):
    if not Framework.objects.exists():
        # A transactional test before this one emptied the database, catalog included.
        call_command("load_ita_catalog", verbosity=0)
    org = make_organisation(slug="busy")
    unit = make_unit(org, "สำนักปลัด")
    org.emblem.save("emblem.png", ContentFile(emblem_png()), save=True)
    plan = make_plan(
        org, 2566, announced_on=date(2022, 10, 20), signatory_name="ก", signatory_position="ข"
    )
    measure = make_measure(plan, number=1, units=[unit])
    staff = [make_member(org, Membership.Role.STAFF, [unit]) for _ in range(STAFF)]
    coordinators = [make_member(org, Membership.Role.COORDINATOR) for _ in range(PUBLISHERS)]
    yield org, plan, measure, staff, coordinators
    remove_publications_for_flush()


def remove_publications_for_flush():
    """Emptying a transactional test's database deletes row by row on SQLite (TRUNCATE on
    PostgreSQL fires no row trigger): lift the triggers that refuse it for this moment only."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND tbl_name = 'reports_publication'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute("DELETE FROM measures_roundlock")
        cursor.execute("DELETE FROM reports_publication")
        for _name, sql in triggers:
            cursor.execute(sql)


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def save_entry(org, measure, user, n):
    client = client_for(user)
    url = reverse("measures:entry-create", kwargs={"slug": org.slug, "pk": measure.pk})
    data = {
        "done_on": "๔/๕/๒๕๖๖",
        "description": f"บันทึกพร้อมกัน {n}",
        "status": "in_progress",
        "percent": "๕๐",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return lambda: client.post(url, data).status_code


def publish(org, plan, user, token):
    client = client_for(user)
    url = reverse("reports:document-publish", args=[org.slug, plan.fiscal_year, "progress-6"])
    return lambda: (
        client.post(url, {"layout": "plan", "form_token": token, "confirm": "yes"}).status_code
    )


def test_eight_staff_saving_and_three_publishing_at_once_all_succeed(office):
    org, plan, measure, staff, coordinators = office
    jobs = [save_entry(org, measure, user, n) for n, user in enumerate(staff)]
    jobs += [publish(org, plan, user, str(uuid.uuid4())) for user in coordinators]

    answers = run_at_once(jobs)

    assert answers == [302] * (STAFF + PUBLISHERS)
    assert ProgressEntry.objects.filter(measure=measure).count() == STAFF
    revisions = Publication.objects.filter(plan=plan, kind="progress-6")
    assert sorted(revisions.values_list("revision", flat=True)) == [1, 2, 3]


def test_a_double_click_on_publish_makes_one_revision(office):
    org, plan, _measure, _staff, coordinators = office
    token = str(uuid.uuid4())
    answers = run_at_once([publish(org, plan, coordinators[0], token) for _ in range(4)])

    assert answers == [302] * 4
    assert Publication.objects.filter(plan=plan, kind="progress-6").count() == 1
