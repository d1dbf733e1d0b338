"""Coordinators enter an organisation's ITA result (typed, pasted or uploaded → preview →
confirm); coordinators and executives read it and its analysis."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from itaportal import thai
from itaportal.logs import log_event

from ..access import COORDINATOR, EXECUTIVE, ita_result_for, member_for
from ..forms.results import (
    ApproachesForm,
    ResultConfirmForm,
    ResultEntryForm,
    ResultImportForm,
    preview_sign,
)
from ..models import ItaResult
from ..view_helpers import add_service_errors
from .analysis import approaches_save, result_analyse
from .plans import next_plan_measures, weak_item_measure_create
from .scoring import Shape, scores_compute, two_places
from .services import framework_for_assessment, result_save, result_scores
from .tree import labels, result_tree


def _result_url(slug, year):
    return reverse("measures:ita-result", kwargs={"slug": slug, "year": year})


def _shape_or_message(request, slug, year):
    try:
        return Shape.of(framework_for_assessment(year))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None


@login_required
def results(request, slug):
    """The organisation's results by year; coordinators choose a year to enter."""
    membership = member_for(request.user, slug, [COORDINATOR, EXECUTIVE])
    year = thai.read_whole_number(request.GET.get("year"))
    if year is not None and 2500 <= year <= 2700 and membership.role == COORDINATOR:
        return redirect("measures:ita-result-enter", slug=slug, year=year)
    return render(
        request,
        "measures/results/results.html",
        {
            "organisation": membership.organisation,
            "membership": membership,
            "results": ItaResult.objects.filter(organisation=membership.organisation).order_by(
                "-fiscal_year"
            ),
            "year_asked": request.GET.get("year") is not None,
        },
    )


@login_required
def result_detail(request, slug, year):
    """The result and its analysis; coordinators type the development approaches here."""
    membership, result = ita_result_for(request.user, slug, year)
    return _detail_page(request, membership, year, result)


def _detail_page(request, membership, year, result, form=None, status=200):
    context = {"organisation": membership.organisation, "membership": membership, "year": year}
    if result is not None and result.framework_id:
        if result.computed_total is not None:
            context["passed"] = result.computed_total >= result.framework.pass_mark
        stored = result_scores(result)
        context["tree"] = result_tree(
            Shape.of(result.framework),
            scores={k: row.score for k, row in stored.items()},
            typed={k for k, row in stored.items() if row.typed},
        )
        analysis = result_analyse(result=result)
        next_plan, answering = next_plan_measures(result=result)
        for item in analysis.weak_items:
            item.measures = answering.get(item.question.code, [])
        context |= {"next_plan": next_plan, "next_year": year + 1}
        if membership.role == COORDINATOR:
            form = form or ApproachesForm(items=analysis.weak_items)
            for _tool, items in analysis.weak_by_tool:
                for item in items:
                    item.bound_field = form.bound(item)
        context |= {"analysis": analysis, "form": form}
    context["result"] = result
    return render(request, "measures/results/result.html", context, status=status)


@login_required
@require_POST
def result_approaches(request, slug, year):
    membership, result = ita_result_for(request.user, slug, year, for_change=True)
    if result is None or not result.framework_id:
        messages.error(request, "ยังไม่มีคะแนนรายข้อของปีนี้ จึงยังกรอกแนวทางการพัฒนาไม่ได้")
        return redirect(_result_url(slug, year))
    form = ApproachesForm(request.POST, items=result_analyse(result=result).weak_items)
    if form.is_valid():
        try:
            approaches_save(result=result, texts=form.texts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "บันทึกแนวทางการพัฒนาแล้ว")
            return redirect(_result_url(slug, year) + "#approaches")
    return _detail_page(request, membership, year, result, form=form)


@login_required
@require_POST
def weak_item_measure(request, slug, year, code):
    """A weak item becomes a measure of the next year's plan (created if need be)."""
    _membership, result = ita_result_for(request.user, slug, year, for_change=True)
    back = _result_url(slug, year) + "#approaches"
    if result is None or not result.framework_id:
        messages.error(request, "ยังไม่มีคะแนนรายข้อของปีนี้ จึงยังสร้างมาตรการจากข้อที่ต้องพัฒนาไม่ได้")
        return redirect(back)
    try:
        measure, created = weak_item_measure_create(result=result, code=code)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    where = (
        f"มาตรการที่ {thai.to_thai_digits(measure.number)} ของแผนปี {thai.to_thai_digits(year + 1)}"
    )
    if created:
        log_event("weak_item_measure_created", measure=measure.pk, code=code)
        messages.success(request, f"สร้าง{where}แล้ว กรุณากำหนดผู้รับผิดชอบและการติดตามผล")
    else:
        messages.info(request, f"ข้อนี้มี{where}ตอบอยู่แล้ว จึงไม่ได้สร้างซ้ำ")
    return redirect(back)


def _preview(request, membership, year, shape, typed, headings=()):
    computed = scores_compute(shape=shape, typed=typed.scores)
    stored = ItaResult.objects.filter(
        organisation=membership.organisation, fiscal_year=year
    ).first()
    official_total = typed.official_total
    if official_total is None and stored is not None:
        official_total = stored.total_score
    disagree = (
        official_total is not None
        and computed.total is not None
        and abs(official_total - computed.total) > 0.01
    )
    return render(
        request,
        "measures/results/preview.html",
        {
            "organisation": membership.organisation,
            "year": year,
            "typed": typed,
            "computed": computed,
            "official_total": official_total,
            "official_rating": typed.official_rating or (stored.rating if stored else ""),
            "disagree": disagree,
            "replaces": stored is not None,
            "headings": headings,
            "tree": result_tree(
                shape,
                scores={k: two_places(v) for k, v in computed.scores.items()},
                typed=computed.typed,
            ),
            "payload": preview_sign(
                organisation=membership.organisation, fiscal_year=year, typed=typed
            ),
        },
    )


@login_required
def result_enter(request, slug, year):
    """The web form: every score of the year's framework, tool by tool."""
    membership, _result = ita_result_for(request.user, slug, year, for_change=True)
    shape = _shape_or_message(request, slug, year)
    if shape is None:
        return redirect("measures:ita-results", slug=slug)
    form = ResultEntryForm(request.POST or None, shape=shape, labels=labels(shape))
    if request.method == "POST" and form.is_valid():
        return _preview(request, membership, year, shape, form.typed())
    return render(
        request,
        "measures/results/enter.html",
        {
            "organisation": membership.organisation,
            "year": year,
            "form": form,
            "tree": result_tree(shape, form=form),
        },
    )


@login_required
def result_import(request, slug, year):
    """Text pasted from NACC's result page or an analysis document, or a .csv/.xlsx file."""
    membership, _result = ita_result_for(request.user, slug, year, for_change=True)
    shape = _shape_or_message(request, slug, year)
    if shape is None:
        return redirect("measures:ita-results", slug=slug)
    form = ResultImportForm(request.POST or None, request.FILES or None, shape=shape)
    if request.method == "POST" and form.is_valid():
        reading = form.reading
        return _preview(request, membership, year, shape, reading.typed, reading.headings)
    return render(
        request,
        "measures/results/import.html",
        {"organisation": membership.organisation, "year": year, "form": form},
    )


@login_required
@require_POST
def result_confirm(request, slug, year):
    membership, _result = ita_result_for(request.user, slug, year, for_change=True)
    org = membership.organisation
    form = ResultConfirmForm(request.POST, organisation=org, fiscal_year=year)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("payload", ["ข้อมูลไม่ครบ"])))
        return redirect("measures:ita-result-import", slug=slug, year=year)
    try:
        result = result_save(organisation=org, fiscal_year=year, typed=form.cleaned_data["payload"])
    except ValidationError as error:
        messages.error(request, "บันทึกไม่สำเร็จ: " + " ".join(error.messages))
        return redirect("measures:ita-result-import", slug=slug, year=year)
    log_event("ita_result_saved", organisation=org.pk, fiscal_year=year, result=result.pk)
    messages.success(request, f"บันทึกผลการประเมิน ITA ปี {thai.to_thai_digits(year)} แล้ว")
    return redirect(_result_url(slug, year))
