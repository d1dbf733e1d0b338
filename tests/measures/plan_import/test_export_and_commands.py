"""The export in the template's columns round-trips (export → import elsewhere → export gives
the same sheet); the commands import, dry-run and export."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from measures.models import MeasurePlan, ProgressEntry
from measures.plan_import.exporting import plan_export_bytes, plan_sheet_rows
from measures.plan_import.reading import rows_from_bytes
from measures.plan_import.services import plan_import
from tests.factories import make_organisation

from .examples import EXAMPLES


def _sheet(data):
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "year"), [("makjia-2566-6-month.txt", 2566), ("por-2567-12-month.txt", 2567)]
)
def test_export_then_import_elsewhere_then_export_gives_the_same_sheet(name, year):
    first = make_organisation()
    call_command("import_plan", str(EXAMPLES / name), org=first.slug, year=year, create_units=True)
    plan = MeasurePlan.objects.get(organisation=first)
    # A result known to the day and one with a status and percent travel too.
    entry = ProgressEntry.objects.filter(measure__plan=plan).first()
    entry.status, entry.percent = "in_progress", 40
    entry.save()
    exported = plan_export_bytes(plan=plan)
    second = make_organisation()
    plan_import(
        organisation=second,
        fiscal_year=year,
        rows=rows_from_bytes("plan.xlsx", exported),
        create_units=True,
    )
    again = plan_export_bytes(plan=MeasurePlan.objects.get(organisation=second))
    assert _sheet(again) == _sheet(exported)
    assert len(_sheet(exported)) == plan.measures.count() + 1
    assert "; อยู่ระหว่างดำเนินการ ร้อยละ ๔๐]" in str(_sheet(again))


@pytest.mark.django_db
def test_import_plan_command_dry_run_saves_nothing_and_says_so(capsys):
    organisation = make_organisation()
    call_command(
        "import_plan",
        str(EXAMPLES / "bangsainoi-2566-6-month.txt"),
        org=organisation.slug,
        year=2566,
        dry_run=True,
    )
    out = capsys.readouterr().out
    assert "มาตรการใหม่ ๑๓" in out and "new 13" in out and "dry run" in out
    assert "อ่าน “๑๐๐” เป็นข้อ e๑๐" in out
    assert not organisation.plans.exists()


@pytest.mark.django_db
def test_export_plan_command_writes_the_template_columns(tmp_path):
    organisation = make_organisation()
    call_command(
        "import_plan",
        str(EXAMPLES / "makjia-2566-6-month.txt"),
        org=organisation.slug,
        year=2566,
        framework=2565,
    )
    out = tmp_path / "plan.xlsx"
    call_command("export_plan", org=organisation.slug, year=2566, output=str(out))
    plan = MeasurePlan.objects.get(organisation=organisation)
    assert _sheet(out.read_bytes()) == [[c or "" for c in row] for row in plan_sheet_rows(plan)]
