"""Small builders for test data: plain objects.create with sensible defaults."""

from contextlib import contextmanager
from datetime import date
from itertools import count

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from measures.demo import demo_load
from measures.models import (
    Framework,
    Measure,
    MeasurePlan,
    Membership,
    Organisation,
    ProgressEntry,
    RoundLock,
    Unit,
)

_numbers = count(1)


def make_organisation(slug=None, **fields):
    n = next(_numbers)
    defaults = {
        "name_th": f"องค์การบริหารส่วนตำบลทดสอบ{n}",
        "short_name": f"อบต.ทดสอบ{n}",
        "kind": Organisation.Kind.SUBDISTRICT,
        "district": "ทดสอบ",
        "province": "ทดสอบ",
    }
    return Organisation.objects.create(slug=slug or f"org-{n}", **{**defaults, **fields})


def make_unit(organisation, name=None):
    return Unit.objects.create(organisation=organisation, name=name or f"กอง{next(_numbers)}")


def make_plan(organisation, fiscal_year=2566, **fields):
    framework = fields.pop("framework", None) or Framework.objects.get(fiscal_year=2565, version=1)
    return MeasurePlan.objects.create(
        organisation=organisation, fiscal_year=fiscal_year, framework=framework, **fields
    )


def make_measure(plan, number=None, units=(), **fields):
    first_month = date(plan.fiscal_year - 544, 10, 1)
    defaults = {
        "title": f"มาตรการทดสอบ {next(_numbers)}",
        "period_start": first_month,
        "period_end": date(plan.fiscal_year - 543, 9, 1),
    }
    measure = Measure.objects.create(
        plan=plan,
        number=next(_numbers) if number is None else number,
        **{**defaults, **fields},
    )
    measure.units.set(units)
    return measure


def make_entry(measure, done_on, status="in_progress", percent=50, **fields):
    return ProgressEntry.objects.create(
        measure=measure,
        done_on=done_on,
        status=status,
        percent=percent,
        description=fields.pop("description", "ดำเนินการตามขั้นตอน"),
        **fields,
    )


def make_user(username=None, password="a-long-test-password", **fields):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_numbers)}", password=password, **fields
    )
    return user


def make_member(organisation, role, units=(), username=None):
    user = make_user(username)
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    membership.units.set(units)
    return user


def catalog_ensure():
    """Load the ITA catalog unless it is there: for module fixtures, which run outside the
    session's set-up after a transactional test earlier in the run may have flushed it."""
    if not Framework.objects.filter(fiscal_year=2565).exists():
        call_command("load_ita_catalog", verbosity=0)


@contextmanager
def demo_plan_rolled_back(django_db_blocker):
    """The demo organisation's 2566 plan inside a transaction that is rolled back on leaving:
    for module fixtures that render documents once for many tests. The demo is loaded as on a
    day of FY 2567, so 2566 is its complete last year."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_ensure()
        demo_load(on=date(2023, 11, 1))
        yield MeasurePlan.objects.select_related("organisation", "framework").get(
            organisation__slug="thungdaoruang", fiscal_year=2566
        )
        transaction.set_rollback(True)


def make_publication(plan=None, **fields):
    """A publication row as publishing would record it (its file name only, no bytes)."""
    from reports.models import Publication

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


def make_round_lock(publication=None, **fields):
    """A progress round locked by its publication (the 6-month round unless told)."""
    publication = publication or make_publication(kind="progress-6")
    values = {
        "plan": publication.plan,
        "months": 6,
        "locked_at": publication.published_at,
        "locked_by": publication.published_by,
    }
    return RoundLock.objects.create(**{**values, **fields})
