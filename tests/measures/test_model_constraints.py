"""Every database constraint rejects the bad data it exists for, on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from measures.models import (
    EvidenceFile,
    Framework,
    Indicator,
    Invitation,
    ItaResult,
    MeasureStep,
    Membership,
    MonitoringItem,
    PendingUpload,
    Question,
    RatingBand,
    ReminderSent,
    RoundNotes,
    SearchDocument,
    SubIndicator,
    Theme,
    Tool,
    Unit,
)
from tests.factories import (
    make_entry,
    make_measure,
    make_organisation,
    make_plan,
    make_publication,
    make_round_lock,
    make_unit,
    make_user,
)
from tests.measures.results.test_constraints import RESULTS_BAD_WRITES
from tests.reports.test_publish_constraints import REPORTS_BAD_WRITES


def framework():
    return Framework.objects.get(fiscal_year=2565, version=1)


def tool():
    return framework().tools.get(code="EIT")


def indicator():
    return Indicator.objects.get(tool=tool(), number=6)


def plan():
    return make_plan(make_organisation())


def measure():
    return make_measure(plan())


def entry():
    return make_entry(measure(), date(2023, 1, 5))


def _two_notes_of_one_round():
    notes = RoundNotes.objects.create(plan=plan(), months=6)
    RoundNotes.objects.create(plan=notes.plan, months=6)


def _two_active_locks():
    publication = make_publication(kind="progress-6")
    make_round_lock(publication)
    make_round_lock(publication)


def _search_row(organisation=None, **fields):
    organisation = organisation or make_organisation()
    fields = {"title": "t", "body": "b", "segmented": "b", **fields}
    return SearchDocument.objects.create(organisation=organisation, **fields)


def _twice(make_fields):
    """Two search rows for the same thing."""
    fields = make_fields()
    _search_row(**fields)
    _search_row(**fields)


def _measure_fields():
    m = measure()
    return {"kind": "measure", "organisation": m.plan.organisation, "plan": m.plan, "measure": m}


def _entry_fields():
    e = entry()
    org = e.measure.plan.organisation
    return {"kind": "entry", "organisation": org, "measure": e.measure, "entry": e}


def _unit_fields():
    org = make_organisation()
    return {"kind": "unit", "organisation": org, "unit": make_unit(org)}


def _document_fields():
    p = plan()
    return {
        "kind": "document",
        "organisation": p.organisation,
        "plan": p,
        "document_kind": "measures",
    }


def _pending_upload_over_10mb():
    PendingUpload.objects.create(
        owner=make_user(),
        organisation=make_organisation(),
        file="pending/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10 * 1024 * 1024 + 1,
        expires_at=timezone.now(),
    )


# constraint name -> a write that breaks it
BAD_WRITES = {
    "search_kind_valid": lambda: _search_row(kind="nonsense"),
    "search_one_per_measure": lambda: _twice(_measure_fields),
    "search_one_per_entry": lambda: _twice(_entry_fields),
    "search_one_per_unit": lambda: _twice(_unit_fields),
    "search_one_per_document": lambda: _twice(_document_fields),
    "pending_upload_at_most_10mb": _pending_upload_over_10mb,
    "roundlock_months": lambda: make_round_lock(months=3),
    "roundlock_one_active": _two_active_locks,
    "roundlock_reopen_has_reason": lambda: make_round_lock(reopened_at=timezone.now()),
    "roundnotes_months": lambda: RoundNotes.objects.create(plan=plan(), months=3),
    "roundnotes_one_per_round": _two_notes_of_one_round,
    "framework_unique_year_version": lambda: Framework.objects.create(fiscal_year=2565),
    "framework_fiscal_year_buddhist_era": lambda: Framework.objects.create(fiscal_year=2023),
    "framework_pass_mark_0_100": lambda: Framework.objects.create(fiscal_year=2590, pass_mark=101),
    "framework_version_positive": lambda: Framework.objects.create(fiscal_year=2590, version=0),
    "band_unique_rating": lambda: RatingBand.objects.create(
        framework=framework(), rating="AA", min_score=90
    ),
    "band_min_score_0_100": lambda: RatingBand.objects.create(
        framework=framework(), rating="Z", min_score=-1
    ),
    "tool_unique_code": lambda: Tool.objects.create(framework=framework(), code="IIT"),
    "tool_weight_0_100": lambda: Tool.objects.create(framework=framework(), code="XIT", weight=150),
    "indicator_unique_number": lambda: Indicator.objects.create(tool=tool(), number=6),
    "indicator_number_positive": lambda: Indicator.objects.create(tool=tool(), number=0),
    "subindicator_unique": lambda: SubIndicator.objects.bulk_create(
        [SubIndicator(indicator=indicator(), number="6.1")] * 2
    ),
    "subindicator_number_n_n": lambda: SubIndicator.objects.create(
        indicator=indicator(), number="6-1"
    ),
    "question_unique_code": lambda: Question.objects.create(
        framework=framework(), tool=tool(), code="e6"
    ),
    "question_code_canonical": lambda: Question.objects.create(
        framework=framework(), tool=tool(), code="E16"
    ),
    "organisation_kind_valid": lambda: make_organisation(kind="village"),
    "organisation_slug_free": lambda: make_organisation(slug="admin"),
    "unit_unique_name": lambda: Unit.objects.bulk_create(
        [Unit(organisation=make_organisation(), name="กองคลัง")] * 2
    ),
    "membership_unique": lambda: _two_memberships(),
    "membership_role_valid": lambda: Membership.objects.create(
        user=make_user(), organisation=make_organisation(), role="mayor"
    ),
    "plan_one_per_organisation_year": lambda: _two_plans(),
    "plan_fiscal_year_buddhist_era": lambda: make_plan(make_organisation(), fiscal_year=2023),
    "theme_unique_number": lambda: Theme.objects.bulk_create(
        [Theme(plan=plan(), number=1, title="ก")] * 2
    ),
    "theme_number_positive": lambda: Theme.objects.create(plan=plan(), number=0, title="ก"),
    "measure_unique_number": lambda: _two_measures(),
    "measure_number_positive": lambda: make_measure(plan(), number=0),
    "measure_period_ordered": lambda: make_measure(
        plan(), period_start=date(2023, 3, 1), period_end=date(2022, 10, 1)
    ),
    "measure_period_whole_or_unknown": lambda: make_measure(plan(), period_start=None),
    "measure_title_or_issue": lambda: make_measure(plan(), title="", issue=""),
    "measure_deadline_precision_valid": lambda: make_measure(plan(), deadline_precision="week"),
    "monitoring_unique_order": lambda: MonitoringItem.objects.bulk_create(
        [MonitoringItem(measure=measure(), order=1, text="ก")] * 2
    ),
    "monitoring_deadline_precision_valid": lambda: MonitoringItem.objects.create(
        measure=measure(), order=1, text="ก", deadline_precision="round"
    ),
    "step_unique_order": lambda: MeasureStep.objects.bulk_create(
        [MeasureStep(measure=measure(), order=1, text="ก")] * 2
    ),
    "entry_percent_0_100": lambda: make_entry(measure(), date(2023, 1, 5), percent=101),
    "entry_review_state_valid": lambda: make_entry(
        measure(), date(2023, 1, 5), review_state="published"
    ),
    "ita_result_one_per_year": lambda: ItaResult.objects.bulk_create(
        [ItaResult(organisation=make_organisation(), fiscal_year=2565, total_score=80)] * 2
    ),
    "ita_result_score_0_100": lambda: ItaResult.objects.create(
        organisation=make_organisation(), fiscal_year=2565, total_score=100.5
    ),
    "entry_status_valid": lambda: make_entry(measure(), date(2023, 1, 5), status="finished"),
    "entry_done_is_100_percent": lambda: make_entry(
        measure(), date(2023, 1, 5), status="done", percent=80
    ),
    "entry_date_precision_valid": lambda: make_entry(
        measure(), date(2023, 1, 5), date_precision="week"
    ),
    "entry_done_without_a_percent": lambda: make_entry(
        measure(), date(2023, 1, 5), status="done", percent=None
    ),
    "entry_not_started_is_0_percent": lambda: make_entry(
        measure(), date(2023, 1, 5), status="not_started", percent=20
    ),
    "evidence_file_at_most_10mb": lambda: EvidenceFile.objects.create(
        entry=entry(),
        file="evidence/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10 * 1024 * 1024 + 1,
    ),
}
BAD_WRITES.update(REPORTS_BAD_WRITES)  # published documents and round locks
BAD_WRITES.update(RESULTS_BAD_WRITES)  # ITA scores and development approaches


def _invitation(**fields):
    return Invitation.objects.create(
        organisation=make_organisation(),
        email="someone@example.org",
        role=fields.pop("role", "staff"),
        token_digest="0" * 64,
        expires_at=timezone.now(),
        **fields,
    )


def _one_reminder_twice():
    user = make_user()
    ReminderSent.objects.create(user=user, item="measure:1", sent_on=date(2026, 11, 27))
    ReminderSent.objects.create(user=user, item="measure:1", sent_on=date(2026, 11, 27))


BAD_WRITES.update(
    {
        "invitation_role_valid": lambda: _invitation(role="admin"),
        "invitation_not_accepted_and_cancelled": lambda: _invitation(
            accepted_at=timezone.now(), cancelled_at=timezone.now()
        ),
        "reminder_once_per_item_and_day": _one_reminder_twice,
    }
)


def _two_memberships():
    user, org = make_user(), make_organisation()
    Membership.objects.create(user=user, organisation=org, role="staff")
    Membership.objects.create(user=user, organisation=org, role="executive")


def _two_plans():
    org = make_organisation()
    make_plan(org, 2566)
    make_plan(org, 2566)


def _two_measures():
    p = plan()
    make_measure(p, number=3)
    make_measure(p, number=3)


# Writes that break a constraint listed above in another way.
MORE_BAD_WRITES = {"entry_done_without_a_percent": "entry_done_is_100_percent"}


@pytest.mark.django_db
@pytest.mark.parametrize("constraint", sorted(BAD_WRITES))
def test_constraint_rejects_bad_data(constraint):
    with pytest.raises(IntegrityError), transaction.atomic():
        BAD_WRITES[constraint]()


def test_every_constraint_of_our_models_has_a_bad_write():
    names = {
        c.name
        for app in ("measures", "reports")
        for model in apps.get_app_config(app).get_models()
        for c in model._meta.constraints
    }
    assert names == set(BAD_WRITES) - set(MORE_BAD_WRITES)


@pytest.mark.django_db
def test_organisation_slug_is_unique():
    make_organisation(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation(slug="same")


@pytest.mark.django_db
def test_the_same_question_code_may_exist_in_two_frameworks():
    other = Framework.objects.create(fiscal_year=2590)
    other_tool = Tool.objects.create(framework=other, code="EIT")
    Question.objects.create(framework=other, tool=other_tool, code="e6")
    assert Question.objects.filter(code="e6").count() == 2


@pytest.mark.django_db
def test_models_are_named_in_thai_for_the_admin():
    for model in apps.get_app_config("measures").get_models():
        if model.__name__.startswith("Historical"):  # named by django-simple-history
            continue
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(model._meta.verbose_name)), model


@pytest.mark.django_db
def test_valid_rows_pass_full_clean():
    org = make_organisation()
    unit = make_unit(org)
    measure = make_measure(make_plan(org), units=[unit])
    entry = make_entry(measure, date(2023, 9, 30), status="done", percent=100)
    for obj in (org, unit, measure.plan, measure, entry):
        obj.full_clean()  # raises ValidationError if the builders made something invalid
