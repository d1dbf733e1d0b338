"""The synthetic national-scale data: what generate_scale_data creates, on both databases."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures.models import Measure, MeasurePlan, Organisation, ProgressEntry, Unit
from reports.dashboard import dashboard_figures
from reports.scale import scale_generate

pytestmark = pytest.mark.django_db


def test_the_command_creates_organisations_with_plans_measures_and_entries():
    out = StringIO()
    call_command(
        "generate_scale_data",
        "--orgs",
        "3",
        "--measures",
        "4",
        "--entries",
        "5",
        "--progress-every",
        "2",
        stdout=out,
    )
    assert "2/3 organisations" in out.getvalue() and "3/3 organisations" in out.getvalue()
    orgs = Organisation.objects.filter(slug__startswith="scale-")
    assert orgs.count() == 3
    assert Unit.objects.filter(organisation__in=orgs).count() == 15
    plans = MeasurePlan.objects.filter(organisation__in=orgs)
    assert {p.fiscal_year for p in plans} == {2566}
    assert {p.framework.fiscal_year for p in plans} == {2565}
    measures = Measure.objects.filter(plan__in=plans)
    assert measures.count() == 12
    assert ProgressEntry.objects.filter(measure__in=measures).count() == 60
    assert not measures.filter(questions__isnull=True).exists()
    assert not measures.filter(all_units=False, units__isnull=True).exists()
    # Every entry lies in the plan's fiscal year; done entries are at 100 %.
    entries = ProgressEntry.objects.filter(measure__in=measures)
    assert not entries.exclude(done_on__range=(date(2022, 10, 1), date(2023, 9, 30))).exists()
    assert not entries.filter(status="done").exclude(percent=100).exists()


def test_a_second_run_adds_new_organisations_and_rows_can_still_be_created():
    scale_generate(orgs=2, measures=2, entries=1)
    result = scale_generate(orgs=2, measures=2, entries=1)
    assert result.first_slug == "scale-00002"
    assert Organisation.objects.filter(slug__startswith="scale-").count() == 4
    # Sequences follow the copied ids: an ordinary insert afterwards does not collide.
    Unit.objects.create(organisation=Organisation.objects.first(), name="กองใหม่")


def test_the_dashboard_reads_a_generated_organisation():
    result = scale_generate(orgs=1, measures=15, entries=10)
    org = Organisation.objects.get(slug=result.first_slug)
    figures = dashboard_figures(organisation=org, fiscal_year=2566, today=date(2023, 6, 15))
    overall = figures.overall
    assert overall.total == 15
    assert overall.done + overall.in_progress + overall.not_started == 15
    assert sum(c.total for c in figures.by_tool) >= 15


def test_bad_arguments_get_a_thai_message():
    with pytest.raises(CommandError, match="ต้องมากกว่า"):
        call_command("generate_scale_data", "--orgs", "0", stdout=StringIO())
