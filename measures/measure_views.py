"""The measure page and the coordinator's plan and measure forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itaportal import thai

from . import services
from .access import COORDINATOR, may_change_entries_of, measure_for, member_for, plan_for
from .forms import (
    MeasureForm,
    MonitoringFormSet,
    PlanForm,
    StepFormSet,
    VersionOnlyForm,
    monitoring_from,
    monitoring_initial,
    steps_from,
)
from .history import measure_history
from .models import EvidenceFile, EvidenceLink, ProgressEntry
from .results.plans import weak_items_unanswered
from .rounds import has_published_entries
from .view_helpers import add_service_errors, refuse_stale


def _detail_url(measure):
    return reverse(
        "measures:measure-detail",
        kwargs={"slug": measure.plan.organisation.slug, "pk": measure.pk},
    )


def _plan_url(plan):
    return reverse(
        "measures:plan-edit",
        kwargs={"slug": plan.organisation.slug, "year": plan.fiscal_year},
    )


@login_required
def measure_detail(request, slug, pk):
    """The measure, its steps, units, questions, its entries in time order with evidence,
    and who changed what when."""
    membership, measure = measure_for(request.user, slug, pk)
    entries = (
        ProgressEntry.objects.filter(measure=measure)
        .select_related("author", "reviewed_by")
        .prefetch_related(
            Prefetch("links", queryset=EvidenceLink.objects.order_by("order", "pk")),
            Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("done_on", "created_at", "pk")
    )
    may_change_entries = may_change_entries_of(membership, measure)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "measure": measure,
            "plan": measure.plan,
            "steps": measure.steps.order_by("order"),
            "monitoring_items": list(measure.monitoring_items.order_by("order")),
            "units": measure.units.select_related("parent").order_by("order", "name"),
            "questions": measure.questions.order_by("order"),
            "entries": services.entries_locked(measure.plan, list(entries)),
            "may_add_entry": may_change_entries,
            "may_edit_measure": membership.role == COORDINATOR,
            "may_review": membership.role == membership.Role.EXECUTIVE,
            "history": measure_history(measure),
        },
    )


# --- plans ----------------------------------------------------------------------------------


@login_required
def plan_create(request, slug):
    membership = member_for(request.user, slug, [COORDINATOR])
    org = membership.organisation
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if org.plans.filter(fiscal_year=data["fiscal_year"]).exists():
            form.add_error(
                "fiscal_year",
                f"มีแผนมาตรการปีงบประมาณ {thai.to_thai_digits(data['fiscal_year'])} อยู่แล้ว "
                "กรุณาแก้ไขแผนเดิม หรือเลือกปีอื่น",
            )
        else:
            try:
                plan = services.plan_create(
                    organisation=org,
                    **{k: v for k, v in data.items() if k != "version"},
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "สร้างแผนมาตรการแล้ว เพิ่มมาตรการได้เลย")
                return redirect(_plan_url(plan))
    # A plan that exists only in a file or a report is imported instead of typed.
    year = thai.fiscal_year_of(timezone.localdate())
    context = {"form": form, "organisation": org, "import_years": [year, year + 1]}
    return render(request, "measures/plan_form.html", context)


@login_required
def plan_edit(request, slug, year):
    _membership, plan = plan_for(request.user, slug, year, for_change=True)
    initial = {
        "framework": plan.framework_id,
        "intro": plan.intro,
        "announced_on": plan.announced_on,
        "signatory_name": plan.signatory_name,
        "signatory_position": plan.signatory_position,
        "wording": plan.wording,
        "questions_with_text": "1" if plan.questions_with_text else "0",
        "version": plan.version,
    }
    form = PlanForm(request.POST or None, initial=initial, editing=True)
    context = {"form": form, "organisation": plan.organisation, "plan": plan}
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if data["framework"].fiscal_year > plan.fiscal_year:
            form.add_error("framework", "กรอบการประเมินต้องเป็นของปีงบประมาณนี้หรือปีก่อนหน้า")
        else:
            try:
                services.plan_update(plan=plan, version=version, **data)
            except services.StaleVersion as error:
                context.update(refuse_stale(form, error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "บันทึกแผนมาตรการแล้ว")
                return redirect(_plan_url(plan))
    context["measures"] = plan.measures.prefetch_related("units").order_by("order", "number")
    context["weak_result"], context["weak_items"] = weak_items_unanswered(plan=plan)
    return render(request, "measures/plan_form.html", context)


# --- measures -------------------------------------------------------------------------------


@login_required
def measure_create(request, slug, year):
    _membership, plan = plan_for(request.user, slug, year, for_change=True)
    form = MeasureForm(request.POST or None, plan=plan)
    steps = StepFormSet(request.POST or None, prefix="steps")
    monitoring = MonitoringFormSet(request.POST or None, prefix="monitoring")
    if request.method == "POST" and all([form.is_valid(), steps.is_valid(), monitoring.is_valid()]):
        try:
            measure = services.measure_create(
                plan=plan,
                steps=steps_from(steps),
                monitoring_items=monitoring_from(monitoring),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"เพิ่มมาตรการที่ {thai.to_thai_digits(measure.number)} แล้ว")
            return redirect(_detail_url(measure))
    return render(
        request,
        "measures/measure_form.html",
        {
            "form": form,
            "steps": steps,
            "monitoring": monitoring,
            "plan": plan,
            "organisation": plan.organisation,
        },
    )


@login_required
def measure_edit(request, slug, pk):
    _membership, measure = measure_for(request.user, slug, pk, for_change=True)
    plan = measure.plan
    form = MeasureForm(
        request.POST or None, plan=plan, measure=measure, initial=MeasureForm.initial_for(measure)
    )
    steps = StepFormSet(
        request.POST or None,
        prefix="steps",
        initial=[
            {"label": s.label, "text": s.text, "deadline": s.deadline}
            for s in measure.steps.order_by("order")
        ],
    )
    monitoring = MonitoringFormSet(
        request.POST or None, prefix="monitoring", initial=monitoring_initial(measure)
    )
    context = {
        "form": form,
        "steps": steps,
        "monitoring": monitoring,
        "plan": plan,
        "organisation": plan.organisation,
        "measure": measure,
    }
    if request.method == "POST" and all([form.is_valid(), steps.is_valid(), monitoring.is_valid()]):
        version = form.cleaned_data["version"]
        try:
            services.measure_update(
                measure=measure,
                version=version,
                steps=steps_from(steps),
                monitoring_items=monitoring_from(monitoring),
                **form.service_kwargs(),
            )
        except services.StaleVersion as error:
            context.update(refuse_stale(form, error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "บันทึกการแก้ไขมาตรการแล้ว")
            return redirect(_detail_url(measure))
    return render(request, "measures/measure_form.html", context)


@login_required
def measure_delete(request, slug, pk):
    """Delete a measure, or withdraw it when its entries stood in a published report."""
    _membership, measure = measure_for(request.user, slug, pk, for_change=True)
    published = has_published_entries(measure)
    form = VersionOnlyForm(request.POST or None, initial={"version": measure.version})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if published:
                services.measure_withdraw(measure=measure, version=version)
            else:
                services.measure_delete(measure=measure, version=version)
        except services.StaleVersion:
            messages.error(
                request,
                "มีผู้อื่นแก้ไขมาตรการนี้ระหว่างนั้น จึงยังไม่ดำเนินการ กรุณาตรวจสอบอีกครั้ง",
            )
            return redirect(_detail_url(measure))
        except services.MeasurePublished as error:
            # Its round was published between loading this page and pressing the button.
            messages.error(request, str(error))
            return redirect(request.path)
        number = thai.to_thai_digits(measure.number)
        messages.success(
            request, f"ถอนมาตรการที่ {number} แล้ว" if published else f"ลบมาตรการที่ {number} แล้ว"
        )
        return redirect(_plan_url(measure.plan))
    return render(
        request,
        "measures/measure_delete.html",
        {
            "form": form,
            "measure": measure,
            "organisation": measure.plan.organisation,
            "entry_count": measure.entries.count(),
            "published": published,
        },
    )


@login_required
@require_POST
def measure_move(request, slug, pk):
    _membership, measure = measure_for(request.user, slug, pk, for_change=True)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.measure_move(measure=measure, direction=direction)
    else:
        messages.error(request, "ไม่ทราบทิศทางการเลื่อน กรุณากดปุ่มเลื่อนขึ้นหรือเลื่อนลง")
    return redirect(_plan_url(measure.plan) + "#measures")
