"""Coordinators import a plan (upload or paste → preview → confirm) and download the template;
members download a plan in the template's columns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from itaportal import thai
from itaportal.logs import log_event

from ..access import COORDINATOR, NOT_FOUND, member_for, plan_for
from ..forms.plan_import import PlanImportConfirmForm, PlanImportForm
from .exporting import plan_export_bytes, template_bytes
from .services import plan_import as plan_import_save

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coordinator(request, slug, year):
    if not 2500 <= year <= 2700:
        raise Http404(NOT_FOUND)
    return member_for(request.user, slug, [COORDINATOR])


def _xlsx(data, filename):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_import(request, slug, year):
    membership = _coordinator(request, slug, year)
    org = membership.organisation
    form = PlanImportForm(
        request.POST or None, request.FILES or None, organisation=org, fiscal_year=year
    )
    if request.method == "POST" and form.is_valid():
        preview = form.preview
        confirm = PlanImportConfirmForm(
            initial={"payload": form.payload()}, organisation=org, fiscal_year=year
        )
        context = {"organisation": org, "year": year, "preview": preview, "form": confirm}
        return render(request, "measures/plan_import/preview.html", context)
    context = {"organisation": org, "year": year, "form": form}
    return render(request, "measures/plan_import/import.html", context)


@login_required
@require_POST
def plan_import_confirm(request, slug, year):
    membership = _coordinator(request, slug, year)
    org = membership.organisation
    form = PlanImportConfirmForm(request.POST, organisation=org, fiscal_year=year)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("payload", ["ข้อมูลไม่ครบ"])))
        return redirect("measures:plan-import", slug=slug, year=year)
    data = form.cleaned_data["payload"]
    try:
        _preview, saved = plan_import_save(
            organisation=org,
            fiscal_year=year,
            rows=data["rows"],
            framework_year=data["framework"],
            create_units=form.cleaned_data["create_units"],
            author=request.user,
        )
    except ValidationError as error:
        messages.error(request, "ยังไม่ได้บันทึก: " + " ".join(error.messages))
        return redirect("measures:plan-import", slug=slug, year=year)
    log_event("plan_import_confirmed", organisation=org.pk, fiscal_year=year, user=request.user.pk)
    messages.success(request, f"นำเข้ามาตรการใหม่ {thai.thai_number(len(saved))} มาตรการแล้ว")
    return redirect("measures:plan-edit", slug=slug, year=year)


@login_required
def plan_import_template(request, slug):
    member_for(request.user, slug, [COORDINATOR])
    return _xlsx(template_bytes(), "plan-template.xlsx")


@login_required
def plan_export(request, slug, year):
    _membership, plan = plan_for(request.user, slug, year)
    return _xlsx(plan_export_bytes(plan=plan), f"plan-{slug}-{year}.xlsx")
