"""Each published report of ../shared/examples imports with nothing invented, keeps its table
cells, and a second import adds nothing."""

import pytest

from measures.access import membership_for
from measures.models import Measure, Membership, ProgressEntry, Unit
from measures.models.dates import DatePrecision
from measures.plan_import.reading import rows_from_text
from measures.plan_import.services import plan_import
from measures.search.services import search_member
from tests.factories import make_member, make_organisation

from .examples import DOCUMENTS, coverage, example_text

CODES = {
    "bangsainoi-2566-6-month.txt": ["e6", "e7", "e8", "e9", "e10"] + [None] * 8,
    "makjia-2566-6-month.txt": ["i7", "i10", "i12", "e11", "e12", "e14", "O8", "O38"],
    "por-2567-12-month.txt": [None] * 14,
}


def _import(name, organisation, **options):
    year, _months = DOCUMENTS[name]
    rows = rows_from_text(example_text(name))
    return plan_import(organisation=organisation, fiscal_year=year, rows=rows, **options)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_example_imports_its_measures_and_keeps_its_table_cells(name):
    organisation = make_organisation()
    _preview, saved = _import(name, organisation, create_units=True)
    year, months = DOCUMENTS[name]
    plan = saved[0].plan
    assert plan.fiscal_year == year
    assert [next(iter(m.questions.values_list("code", flat=True)), None) for m in saved] == CODES[
        name
    ]
    share, missing = coverage(example_text(name), plan)
    assert share >= 0.98, missing
    entries = ProgressEntry.objects.filter(measure__plan=plan)
    assert entries.count() == len(saved)  # one result cell per row, nothing added
    assert set(entries.values_list("review_state", "imported")) == {("approved", True)}
    # Nothing invented: no status, no percent, and a day only where the cell names one.
    assert set(entries.values_list("status", flat=True)) == {""}
    assert set(entries.values_list("percent", flat=True)) == {None}
    for entry in entries:
        if entry.date_precision == DatePrecision.ROUND:
            assert entry.round_months == months
        else:
            assert entry.date_precision == DatePrecision.DAY


@pytest.mark.django_db
def test_importing_the_same_document_again_adds_nothing():
    organisation = make_organisation()
    _import("makjia-2566-6-month.txt", organisation, create_units=True)
    counts = Measure.objects.count(), ProgressEntry.objects.count(), Unit.objects.count()
    preview, saved = _import("makjia-2566-6-month.txt", organisation, create_units=True)
    assert saved == [] and preview.new_rows == []
    assert (Measure.objects.count(), ProgressEntry.objects.count(), Unit.objects.count()) == counts


@pytest.mark.django_db
def test_a_dry_run_saves_nothing():
    organisation = make_organisation()
    preview, saved = _import("por-2567-12-month.txt", organisation, dry_run=True, create_units=True)
    assert len(preview.rows) == 14 and saved == []
    assert not organisation.plans.exists() and not organisation.units.exists()


@pytest.mark.django_db
def test_steps_keep_their_numbers_as_written_and_themes_their_own():
    organisation = make_organisation()
    _preview, saved = _import("por-2567-12-month.txt", organisation)
    plan = saved[0].plan
    assert list(plan.themes.values_list("number", flat=True)) == [1, 2, 3, 5, 6, 7]
    steps = saved[4].steps.all()
    assert [s.label for s in steps] == ["๑", "๒"]
    assert steps[0].text.startswith("จัดให้มีการให้บริการมีผ่าน")


@pytest.mark.django_db
def test_units_not_yet_known_stay_as_the_responsible_note_unless_created():
    organisation = make_organisation()
    _preview, saved = _import("bangsainoi-2566-6-month.txt", organisation)
    assert not organisation.units.exists()
    assert saved[0].responsible_note == "ผู้บริหาร สำนักปลัด"
    assert saved[0].units.count() == 0


@pytest.mark.django_db
def test_an_imported_report_prints_in_the_structure_of_the_original():
    from reports.documents import document_context

    organisation = make_organisation()
    preview, saved = _import("makjia-2566-6-month.txt", organisation)
    doc = document_context(saved[0].plan, "progress-6", "plan")
    tools = [group["title"].split(" (")[0] for group in doc["groups"]]
    assert tools == [
        "เครื่องมือการประเมิน IIT",
        "เครื่องมือการประเมิน EIT",
        "เครื่องมือการประเมิน OIT",
    ]
    sections = [[s["title"].split()[1] for s in group["sections"]] for group in doc["groups"]]
    # As in the report, but for O8, which the report placed under ตัวชี้วัดที่ ๑๐ and the
    # framework under ๙ (the preview warns about it).
    assert sections == [["๒"], ["๘"], ["๙", "๑๐"]]
    o8 = next(row for row in preview.rows if row.codes == ["O8"])
    assert "แต่เอกสารวางไว้ใต้ตัวชี้วัดที่ ๑๐" in " ".join(o8.warnings)
    assert doc["entry_count"] == 8
    # The summary layout of a 2567 report groups its measures under the report's own themes.
    _preview, saved = _import("por-2567-12-month.txt", make_organisation())
    doc = document_context(saved[0].plan, "progress-12", "summary")
    assert [g["title"][:3] for g in doc["groups"]] == ["(๑)", "(๒)", "(๓)", "(๕)", "(๖)", "(๗)"]
    assert [len(g["sections"][0]["rows"]) for g in doc["groups"]] == [4, 1, 2, 2, 3, 2]


@pytest.mark.django_db
def test_every_unit_is_responsible_where_the_report_says_so_in_its_own_words():
    _preview, saved = _import("makjia-2566-6-month.txt", make_organisation())
    e12 = next(m for m in saved if list(m.questions.values_list("code", flat=True)) == ["e12"])
    assert e12.all_units and e12.responsible_note == "สำนักปลัด/ กองทุกกอง"


@pytest.mark.django_db
def test_imported_results_are_found_by_member_search():
    organisation = make_organisation()
    _import("makjia-2566-6-month.txt", organisation, create_units=True)
    coordinator = make_member(organisation, Membership.Role.COORDINATOR)
    membership = membership_for(coordinator, organisation.slug)

    # Only O38's result cell says it: "การดำเนินการขับเคลื่อนตามมาตรการทางจริยธรรม…".
    results = search_member(membership=membership, query="ขับเคลื่อน")

    [group] = results.groups
    assert [hit.kind for hit in group.hits] == ["entry"]
    assert group.hits[0].entry.imported
