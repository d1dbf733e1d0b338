"""Saving an imported plan: every row that is new, with its units, steps and results, in one
transaction (the preview shows the same rows before anything is saved)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from itaportal import thai
from itaportal.logs import log_event

from ..models import Framework, MeasurePlan, ProgressEntry, Question, Theme, Unit
from ..rounds import round_is_locked
from ..search.indexing import search_entry_index
from ..services import Step, measure_create, plan_create
from .parsing import ImportRow, plan_rows_read, squeezed

NO_TABLE = (
    "ไม่พบหัวตารางมาตรการ (เช่น “มาตรการ/แนวทาง” หรือ “ประเด็นที่ต้องปรับปรุงแก้ไข” และ "
    "“ผู้รับผิดชอบ”) กรุณาตรวจสอบไฟล์ หรือใช้แม่แบบ .xlsx ของระบบ"
)


def framework_for_plan(fiscal_year, framework_year=None):
    """The framework a new plan answers: that of ``framework_year``, by default the latest
    assessment before the plan's year (FY 2566 answers ITA 2565)."""
    frameworks = Framework.objects.order_by("-fiscal_year", "-version")
    if framework_year:
        found = frameworks.filter(fiscal_year=framework_year).first()
    else:
        found = frameworks.filter(fiscal_year__lt=fiscal_year).first()
    if found is None:
        raise ValidationError("ไม่พบกรอบการประเมินที่เลือก กรุณาแจ้งผู้ดูแลระบบให้นำเข้ากรอบการประเมินก่อน")
    return found


@dataclass
class Preview:
    plan: MeasurePlan | None
    framework: Framework
    months: int
    rows: list
    unknown_units: list = field(default_factory=list)
    found_table: bool = True

    @property
    def has_errors(self):
        return not self.found_table or any(row.errors for row in self.rows)

    @property
    def new_rows(self):
        return [row for row in self.rows if not row.exists]


def _unit_index(organisation):
    return {squeezed(u.name): u for u in Unit.objects.filter(organisation=organisation)}


def _existing_keys(plan):
    if plan is None:
        return set()
    keys = set()
    for measure in plan.measures.prefetch_related("questions"):
        row = ImportRow(line=0, title=measure.title, issue=measure.issue)
        row.codes = [q.code for q in measure.questions.all()]
        keys.add(row.key)
    return keys


def plan_import_preview(*, organisation, fiscal_year, rows, framework_year=None, months=None):
    """Read rows into what an import would save, marking rows the plan already has."""
    plan = MeasurePlan.objects.filter(organisation=organisation, fiscal_year=fiscal_year).first()
    framework = plan.framework if plan else framework_for_plan(fiscal_year, framework_year)
    reading = plan_rows_read(rows=rows, framework=framework, fiscal_year=fiscal_year, months=months)
    known, existing, seen, unknown = _unit_index(organisation), _existing_keys(plan), set(), {}
    first, last = thai.fiscal_year_range(fiscal_year)
    for row in reading.rows:
        row.exists = row.key in existing or row.key in seen
        seen.add(row.key)
        for name, shown in zip(row.unit_names, row.units_shown, strict=True):
            parent = row.unit_parents.get(name)
            if parent and squeezed(parent) not in known and squeezed(name) not in known:
                unknown.setdefault(squeezed(parent), parent)
            if squeezed(name) not in known and _may_be_unit(name):
                unknown.setdefault(squeezed(name), shown)
        if row.period and not first <= row.period[1] <= last:
            row.errors.append(
                f"ระยะเวลาดำเนินการต้องสิ้นสุดในปีงบประมาณ {thai.to_thai_digits(fiscal_year)}"
            )
    if not reading.found_table:
        reading.rows = []
    return Preview(
        plan, framework, reading.months, reading.rows, list(unknown.values()), reading.found_table
    )


def _may_be_unit(name):
    # A long part ("เจ้าหน้าที่ผู้รับผิดชอบในการจัดทำแผน…") is a sentence, not a unit's name.
    return len(squeezed(name)) <= 40


def _unit_create(organisation, name, known, parent=None):
    # Units are added in the order the document names them, which exports keep.
    order = max((u.order for u in known.values()), default=0) + 1
    unit = Unit(organisation=organisation, name=name[:150], order=order, parent=parent)
    unit.full_clean()
    unit.save()
    known[squeezed(name)] = unit
    return unit


def _division(organisation, name, known):
    """The division a new section belongs to, created when new; none when the name is that of
    a section itself (one level deep)."""
    unit = known.get(squeezed(name)) or _unit_create(organisation, name, known)
    return None if unit.parent_id else unit


def _units_for(row, organisation, known, create_units):
    """The row's units, a section under the division the document names (an existing unit is
    used as it is); when one is unknown and not created, the cell's text is kept as the
    responsible note instead, so nothing the document says is lost or invented."""
    units = []
    for name in row.unit_names:
        unit = known.get(squeezed(name))
        if unit is None and create_units and _may_be_unit(name):
            parent = row.unit_parents.get(name)
            parent = _division(organisation, parent, known) if parent else None
            unit = _unit_create(organisation, name, known, parent=parent)
        if unit is None:
            note = " / ".join(row.units_shown)
            row.responsible_note = f"{note}\n{row.responsible_note}".strip()
            return []
        units.append(unit)
    return units


def _theme(plan, number_and_title):
    if not number_and_title:
        return None
    number, title = number_and_title
    theme, _ = Theme.objects.get_or_create(plan=plan, number=number, defaults={"title": title})
    return theme


def _number(plan, row, taken):
    if row.number and row.number not in taken:
        return row.number
    return max(taken, default=0) + 1


@transaction.atomic
def plan_import(
    *,
    organisation,
    fiscal_year,
    rows,
    framework_year=None,
    months=None,
    create_units=False,
    author=None,
    dry_run=False,
):
    """Save the new rows of an import (see plan_import_preview); rows already in the plan are
    left alone, so importing the same file twice adds nothing. Results become approved entries
    marked as imported, dated as precisely as the source dates them."""
    preview = plan_import_preview(
        organisation=organisation,
        fiscal_year=fiscal_year,
        rows=rows,
        framework_year=framework_year,
        months=months,
    )
    if not preview.found_table:
        raise ValidationError(NO_TABLE)
    if preview.has_errors:
        raise ValidationError("มีแถวที่อ่านไม่ได้ กรุณาแก้ไขตามข้อความในตัวอย่างก่อนนำเข้า")
    saved = []
    if dry_run:
        return preview, saved
    plan = preview.plan or plan_create(
        organisation=organisation,
        fiscal_year=fiscal_year,
        framework=preview.framework,
        questions_with_text=False,
    )
    known = _unit_index(organisation)
    questions = {q.code: q for q in Question.objects.filter(framework=plan.framework)}
    taken = set(plan.measures.values_list("number", flat=True))
    for row in preview.new_rows:
        units = _units_for(row, organisation, known, create_units)
        number = _number(plan, row, taken)
        taken.add(number)
        measure = measure_create(
            plan=plan,
            number=number,
            theme=_theme(plan, row.theme),
            title=row.title,
            issue=row.issue,
            units=units,
            all_units=row.all_units,
            questions=[questions[c] for c in row.codes],
            responsible_note=row.responsible_note,
            steps=[Step(text=text, label=label) for label, text in row.steps],
            monitoring_items=[item.as_item() for item in row.monitoring_items],
            deadline=row.deadline,
            deadline_precision=row.deadline_precision,
            period_start=row.period[0] if row.period else None,
            period_end=row.period[1] if row.period else None,
            expected_outcome=row.outcome,
        )
        for result in row.results:
            if round_is_locked(plan, result.done_on):
                continue  # a published round is never changed (the preview warned)
            entry = ProgressEntry(
                measure=measure,
                done_on=result.done_on,
                date_precision=result.date_precision,
                description=result.description,
                status=result.status,
                percent=result.percent,
                author=author,
                review_state=ProgressEntry.Review.APPROVED,
                imported=True,
            )
            entry.full_clean()
            entry.save()
            search_entry_index(entry=entry)
        saved.append(measure)
    log_event(
        "plan_imported", organisation=organisation.pk, fiscal_year=fiscal_year, measures=len(saved)
    )
    return preview, saved
