"""The plan an ITA result leads into: the analysis of the result of year N is published with,
and its weak items become measures of, the plan of year N + 1."""

from django.db import IntegrityError, transaction

from ..models import MeasurePlan
from ..services import plan_create


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
