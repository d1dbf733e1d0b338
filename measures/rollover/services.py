"""Rolling a plan over: next fiscal year's plan from this year's.

What carries over is what the organisation plans again: themes, measures (numbers, order,
titles, issues), steps, units, the responsible note and monitoring, every date one year later
with its precision. Progress does not: next year starts with none. A measure's questions are
carried through the catalog's code mapping (measures/data/ita-question-mapping.json); a question
with no counterpart in the new framework is listed for the coordinator to replace by hand.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from itaportal import thai
from itaportal.logs import log_event

from .. import services
from ..catalog import question_code_mapping
from ..models import Framework, Measure, MeasurePlan, Question, Theme

# The plan's own settings that stay from year to year; its intro speaks of last year's
# results and its announcement date is next year's to set.
PLAN_SETTINGS = ("wording", "questions_with_text", "signatory_name", "signatory_position")


class RolloverRefused(Exception):
    """Next year's plan cannot be made from this one; the message says why in Thai."""


@dataclass
class MeasureCarry:
    """One measure as it will be next year: its questions mapped, or left for the coordinator."""

    measure: Measure
    mapped: list = field(default_factory=list)  # (question of this plan, question of the next)
    unmapped: list = field(default_factory=list)  # questions with no counterpart
    retired_units: list = field(default_factory=list)  # units no longer in use: not carried


@dataclass
class Rollover:
    plan: MeasurePlan
    fiscal_year: int
    framework: Framework
    themes: list
    measures: list
    new_plan: MeasurePlan | None = None

    @property
    def unmapped(self):
        """(measure, its unmapped questions) of the measures that have any."""
        return [(carry.measure, carry.unmapped) for carry in self.measures if carry.unmapped]

    @property
    def step_count(self):
        return sum(len(carry.measure.steps.all()) for carry in self.measures)

    @property
    def monitoring_count(self):
        return sum(len(carry.measure.monitoring_items.all()) for carry in self.measures)


def rollover_frameworks(plan):
    """The frameworks next year's plan may use: this plan's or a later one, not after next
    year (newest first, latest version of each year)."""
    found = Framework.objects.filter(
        fiscal_year__gte=plan.framework.fiscal_year, fiscal_year__lte=plan.fiscal_year + 1
    ).order_by("-fiscal_year", "-version")
    latest = {}
    for framework in found:
        latest.setdefault(framework.fiscal_year, framework)
    return list(latest.values())


def rollover_framework(plan):
    """The framework next year's plan answers by default: the newest it may use."""
    frameworks = rollover_frameworks(plan)
    return frameworks[0] if frameworks else plan.framework


def one_year_later(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def _mapped_questions(plan, to_framework, measures):
    """{measure pk: (mapped pairs, unmapped questions)} with one query for the targets."""
    same_year = plan.framework.fiscal_year == to_framework.fiscal_year
    mapping = (
        {}
        if same_year
        else question_code_mapping(
            from_year=plan.framework.fiscal_year, to_year=to_framework.fiscal_year
        )
    )
    targets = {q.code: q for q in Question.objects.filter(framework=to_framework)}
    found = {}
    for measure in measures:
        mapped, unmapped = [], []
        for question in measure.questions.all():
            code = question.code if same_year else mapping.get(question.code)
            if code in targets:
                mapped.append((question, targets[code]))
            else:
                unmapped.append(question)
        found[measure.pk] = (mapped, unmapped)
    return found


def plan_rollover_preview(*, plan, to_framework):
    """What plan_rollover would copy, without saving anything."""
    measures = list(
        plan.measures.in_force()
        .select_related("theme")
        .prefetch_related("questions", "units", "steps", "monitoring_items")
        .order_by("order", "number")
    )
    questions = _mapped_questions(plan, to_framework, measures)
    carries = [
        MeasureCarry(
            measure=m,
            mapped=questions[m.pk][0],
            unmapped=questions[m.pk][1],
            retired_units=[u for u in m.units.all() if u.retired_at],
        )
        for m in measures
    ]
    return Rollover(
        plan=plan,
        fiscal_year=plan.fiscal_year + 1,
        framework=to_framework,
        themes=list(plan.themes.order_by("number")),
        measures=carries,
    )


def _refuse_filled(organisation, fiscal_year):
    existing = (
        MeasurePlan.objects.select_for_update()
        .filter(organisation=organisation, fiscal_year=fiscal_year)
        .first()
    )
    if existing and existing.measures.exists():
        raise RolloverRefused(
            f"แผนมาตรการปีงบประมาณ {thai.to_thai_digits(fiscal_year)} มีมาตรการอยู่แล้ว "
            "จึงไม่ยกแผนมาทับ หากต้องการเริ่มใหม่ กรุณาลบมาตรการในแผนนั้นก่อน"
        )
    return existing


def _next_plan(rollover, existing):
    """Next year's plan: the empty one the coordinator already made, or a new one."""
    plan, framework = rollover.plan, rollover.framework
    settings = {name: getattr(plan, name) for name in PLAN_SETTINGS}
    if existing is None:
        try:
            # Two coordinators confirming at once: the second meets the first's new plan.
            with transaction.atomic():
                return services.plan_create(
                    organisation=plan.organisation,
                    fiscal_year=rollover.fiscal_year,
                    framework=framework,
                    **settings,
                )
        except (IntegrityError, ValidationError) as error:
            raise RolloverRefused(
                f"มีผู้สร้างแผนมาตรการปีงบประมาณ {thai.to_thai_digits(rollover.fiscal_year)} "
                "ระหว่างนั้น กรุณาเปิดหน้านี้อีกครั้ง"
            ) from error
    existing.framework = framework
    existing.full_clean()
    existing.save()
    return existing


@transaction.atomic
def plan_rollover(*, plan, to_framework, by):
    """Make next fiscal year's plan from this one (see the module's docstring) and return the
    Rollover, whose ``unmapped`` lists the questions the coordinator has to choose anew.

    Refused (RolloverRefused) when next year's plan already has measures; an empty one is
    filled. Next year's plan is not announced."""
    fiscal_year = plan.fiscal_year + 1
    if to_framework.fiscal_year > fiscal_year or to_framework.fiscal_year < (
        plan.framework.fiscal_year
    ):
        raise RolloverRefused(
            f"กรอบการประเมินปี {thai.to_thai_digits(to_framework.fiscal_year)} ใช้กับแผนปีงบประมาณ "
            f"{thai.to_thai_digits(fiscal_year)} ที่ยกมาจากแผนนี้ไม่ได้"
        )
    existing = _refuse_filled(plan.organisation, fiscal_year)
    rollover = plan_rollover_preview(plan=plan, to_framework=to_framework)
    new_plan = _next_plan(rollover, existing)
    themes = {}
    for theme in rollover.themes:
        copy = Theme(plan=new_plan, number=theme.number, title=theme.title)
        copy.full_clean()
        copy.save()
        themes[theme.pk] = copy
    for carry in rollover.measures:
        _measure_copy(carry, new_plan, themes)
    rollover.new_plan = new_plan
    log_event(
        "plan_rolled_over",
        plan=plan.pk,
        new_plan=new_plan.pk,
        framework=to_framework.pk,
        measures=len(rollover.measures),
        unmapped=sum(len(questions) for _m, questions in rollover.unmapped),
        user=getattr(by, "pk", None),
    )
    return rollover


def _measure_copy(carry, new_plan, themes):
    m = carry.measure
    try:
        return services.measure_create(
            plan=new_plan,
            number=m.number,
            order=m.order,
            theme=themes.get(m.theme_id),
            title=m.title,
            issue=m.issue,
            all_units=m.all_units,
            responsible_note=m.responsible_note,
            monitoring=m.monitoring,
            deadline=one_year_later(m.deadline),
            deadline_precision=m.deadline_precision,
            period_start=one_year_later(m.period_start),
            period_end=one_year_later(m.period_end),
            expected_outcome=m.expected_outcome,
            units=[u for u in m.units.all() if not u.retired_at],
            questions=list(dict.fromkeys(target for _old, target in carry.mapped)),
            steps=[
                services.Step(text=s.text, label=s.label, deadline=one_year_later(s.deadline))
                for s in sorted(m.steps.all(), key=lambda s: s.order)
            ],
            monitoring_items=[
                services.Monitoring(
                    text=item.text,
                    deadline=one_year_later(item.deadline),
                    deadline_precision=item.deadline_precision,
                    recurrence=item.recurrence,
                )
                for item in sorted(m.monitoring_items.all(), key=lambda i: i.order)
            ],
        )
    except ValidationError as error:
        raise RolloverRefused(
            f"คัดลอกมาตรการที่ {thai.to_thai_digits(m.number)} ไม่ได้: {' '.join(error.messages)}"
        ) from error
