"""The coordinator's rollover page: what next year's plan will hold, then the rollover."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from itaportal import thai

from ..access import plan_for
from . import services
from .forms import RolloverForm


@login_required
def plan_rollover(request, slug, year):
    """GET: the confirmation (what is copied, which questions have no counterpart), or, once
    next year's plan has measures, what is left for the coordinator to choose. POST: roll over."""
    _membership, plan = plan_for(request.user, slug, year, for_change=True)
    next_plan = plan.organisation.plans.filter(fiscal_year=plan.fiscal_year + 1).first()
    if next_plan and next_plan.measures.exists():
        return _done(request, plan, next_plan)
    form = RolloverForm(
        request.POST if request.method == "POST" else request.GET or None, plan=plan
    )
    framework = services.rollover_framework(plan)
    if form.is_bound and form.is_valid():
        framework = form.cleaned_data["framework"]
        if request.method == "POST":
            try:
                services.plan_rollover(plan=plan, to_framework=framework, by=request.user)
            except services.RolloverRefused as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    f"สร้างแผนมาตรการปีงบประมาณ {thai.to_thai_digits(plan.fiscal_year + 1)} แล้ว "
                    "กรุณาเลือกข้อคำถามแทนข้อที่ไม่มีคู่ในกรอบใหม่",
                )
            return redirect(request.path)
    rollover = services.plan_rollover_preview(plan=plan, to_framework=framework)
    return render(
        request,
        "measures/plan_rollover.html",
        {"plan": plan, "organisation": plan.organisation, "form": form, "rollover": rollover},
    )


def _done(request, plan, next_plan):
    rollover = services.plan_rollover_preview(plan=plan, to_framework=next_plan.framework)
    current = {m.number: m for m in next_plan.measures.prefetch_related("questions")}
    left = [
        (measure, questions, current.get(measure.number))
        for measure, questions in rollover.unmapped
    ]
    return render(
        request,
        "measures/plan_rollover_done.html",
        {
            "plan": plan,
            "next_plan": next_plan,
            "organisation": plan.organisation,
            "rollover": rollover,
            "left": left,
        },
    )
