"""The plan an ITA result leads into: the analysis of the result of year N is published with,
and its weak items become measures of, the plan of year N + 1 (issue 13, items 4 and 5)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from itaportal import thai

from ..models import ItaResult, MeasurePlan
from ..services import Step, measure_create, plan_create
from .analysis import result_analyse


def next_plan_ensure(*, result):
    """(plan of the year after the result's, created?). A missing plan is created empty and
    unannounced, with the result's framework: the measures it will hold answer that result's
    questions (a plan's framework is the assessment it answers)."""
    year = result.fiscal_year + 1
    found = MeasurePlan.objects.filter(organisation=result.organisation, fiscal_year=year)
    plan = found.first()
    if plan is not None:
        return plan, False
    try:
        with transaction.atomic():
            plan = plan_create(
                organisation=result.organisation, fiscal_year=year, framework=result.framework
            )
    except IntegrityError:  # created meanwhile by a concurrent request
        return found.get(), False
    return plan, True


def next_plan_measures(*, result):
    """(the plan the result leads into or None, {question code: [its measures in force]})."""
    plan = MeasurePlan.objects.filter(
        organisation=result.organisation, fiscal_year=result.fiscal_year + 1
    ).first()
    if plan is None:
        return None, {}
    by_code = {}
    measures = plan.measures.in_force().prefetch_related("questions").order_by("order", "number")
    for measure in measures:
        for question in measure.questions.all():
            by_code.setdefault(question.code, []).append(measure)
    return plan, by_code


def weak_item_measure_create(*, result, code):
    """(measure, created?): a measure of the next year's plan that answers the weak question
    ``code``, carrying its development approach; a measure already linked to the question is
    returned instead of a second one."""
    item = next(
        (i for i in result_analyse(result=result).weak_items if i.question.code == code), None
    )
    if item is None:
        raise ValidationError(f"ข้อ {code} ไม่ได้อยู่ในข้อที่ได้คะแนนต่ำกว่าเกณฑ์ของผลการประเมินนี้")
    with transaction.atomic():
        plan, _created = next_plan_ensure(result=result)
        # Two clicks at once: the second waits here and then finds the first one's measure.
        MeasurePlan.objects.select_for_update().get(pk=plan.pk)
        existing = next_plan_measures(result=result)[1].get(code)
        if existing:
            return existing[0], False
        question = plan.framework.questions.filter(code=code).first()
        if question is None:
            raise ValidationError(
                f"กรอบการประเมินของแผนปี {thai.to_thai_digits(plan.fiscal_year)} ไม่มีข้อ {code} "
                "จึงสร้างมาตรการที่เชื่อมกับข้อนี้ไม่ได้"
            )
        return measure_create(
            plan=plan, questions=[question], **_measure_fields(result, item, plan)
        ), True


def _measure_fields(result, item, plan):
    code = thai.format_question_code(item.question.code)
    lines = [line.strip() for line in item.approach.splitlines() if line.strip()]
    pass_mark = thai.thai_number(result.framework.pass_mark)
    first, last = plan.date_range
    return {
        # The approach names what to do; with none typed yet the coordinator writes it later.
        "title": lines[0] if lines else f"แนวทางการพัฒนาข้อ {code}",
        "issue": (
            f"ผลการประเมิน ITA ปี {thai.to_thai_digits(result.fiscal_year)} ข้อ {code} "
            f"ได้ {thai.thai_number(item.score)} คะแนน ต่ำกว่าเกณฑ์ {pass_mark} คะแนน"
        ),
        "steps": [Step(text=line) for line in lines],
        "expected_outcome": f"คะแนนข้อ {code} ไม่ต่ำกว่า {pass_mark} คะแนน",
        "period_start": first.replace(day=1),
        "period_end": last.replace(day=1),
    }


def result_the_plan_answers(*, plan):
    """The organisation's scored ITA result of the year before the plan's, or None: the plan's
    measures answer its weak items."""
    return (
        ItaResult.objects.select_related("framework", "organisation")
        .filter(
            organisation=plan.organisation_id,
            fiscal_year=plan.fiscal_year - 1,
            framework__isnull=False,
        )
        .first()
    )


def weak_items_unanswered(*, plan):
    """(the result the plan answers — of the year before — or None, its weak items that no
    measure in force of the plan is linked to)."""
    result = result_the_plan_answers(plan=plan)
    if result is None:
        return None, []
    answered = set(
        plan.measures.in_force()
        .filter(questions__isnull=False)
        .values_list("questions__code", flat=True)
    )
    weak = result_analyse(result=result).weak_items
    return result, [item for item in weak if item.question.code not in answered]
