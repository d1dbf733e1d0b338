"""The analysis document: its preview PDF, its DOCX working copy and its publishing, for
the coordinators and executives who publish; the documents page lists it through
``analysis_rows``."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from itaportal import thai
from measures.access import COORDINATOR, EXECUTIVE, member_for
from measures.models import ItaResult

from .analysis_document import TITLE, AnalysisUnavailable, analysis_pdf
from .docx_analysis import analysis_docx
from .downloads import docx_response
from .models import ANALYSIS
from .pdf import DocumentRenderError
from .publishing import PublishError, analysis_missing
from .publishing import analysis_publish as publish


def _membership(request, slug, year):
    membership = member_for(request.user, slug, [COORDINATOR, EXECUTIVE])
    if not 2500 <= year <= 2700:
        raise Http404("ไม่พบหน้าที่ต้องการ")
    return membership


@login_required
def analysis_preview_pdf(request, slug, year):
    """The analysis of the result of ``year`` − 1, leading into ``year``'s plan."""
    membership = _membership(request, slug, year)
    try:
        data, _doc = analysis_pdf(organisation=membership.organisation, plan_year=year)
    except (AnalysisUnavailable, DocumentRenderError) as exc:
        messages.error(request, str(exc))
        return redirect("measures:ita-results", slug=slug)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-analysis-{year}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def analysis_preview_docx(request, slug, year):
    """The analysis as a DOCX working copy, to edit in Word; never a publication."""
    organisation = _membership(request, slug, year).organisation
    try:
        data, doc = analysis_docx(organisation=organisation, plan_year=year)
    except AnalysisUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("measures:ita-results", slug=slug)
    return docx_response(
        data,
        name=f"{doc['title']} {organisation.short_name} (ฉบับแก้ไขได้).docx",
        fallback=f"preview-analysis-{year}.docx",
    )


@login_required
@require_POST
def analysis_publish(request, slug, year):
    membership = _membership(request, slug, year)
    back = reverse("reports:documents", args=[slug]) + "#analysis"
    try:
        form_token = uuid.UUID(request.POST.get("form_token", ""))
    except ValueError:
        messages.error(request, "แบบฟอร์มเผยแพร่ไม่สมบูรณ์ กรุณาโหลดหน้านี้ใหม่แล้วกดเผยแพร่อีกครั้ง")
        return redirect(back)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "กรุณาทำเครื่องหมายยืนยันว่าตรวจสอบตัวอย่างเอกสารแล้ว ก่อนกดเผยแพร่")
        return redirect(back)
    try:
        publication = publish(
            organisation=membership.organisation,
            plan_year=year,
            user=request.user,
            form_token=form_token,
        )
    except (DocumentRenderError, PublishError) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request,
        f"เผยแพร่ {publication.title} ฉบับที่ {thai.to_thai_digits(publication.revision)} แล้ว",
    )
    return redirect(back)


def _fix_url(request, organisation, fix, year):
    if fix == "result":
        return reverse("measures:ita-results", args=[organisation.slug])
    # The organisation's record and emblem are kept by the site's administrators.
    if request.user.is_staff:
        return reverse("admin:measures_organisation_change", args=[organisation.pk])
    return ""


def analysis_rows(request, organisation, publications):
    """One row per analysable result, newest first: the plan year it leads into, its
    checklist, and the revisions published (``publications``: the organisation's)."""
    revisions = {}
    for publication in publications:
        if publication.kind == ANALYSIS:
            revisions.setdefault(publication.plan.fiscal_year, []).append(publication)
    years = ItaResult.objects.filter(organisation=organisation, framework__isnull=False)
    rows = []
    for assessed in years.order_by("-fiscal_year").values_list("fiscal_year", flat=True):
        plan_year = assessed + 1
        missing = analysis_missing(organisation=organisation, plan_year=plan_year)
        rows.append(
            {
                "plan_year": plan_year,
                "title": f"{TITLE} ประจำปีงบประมาณ พ.ศ. {thai.to_thai_digits(assessed)}",
                "missing": [
                    {"label": m.label, "url": _fix_url(request, organisation, m.fix, assessed)}
                    for m in missing
                ],
                "revisions": sorted(
                    revisions.get(plan_year, []), key=lambda p: p.revision, reverse=True
                ),
                "form_token": uuid.uuid4(),
            }
        )
    return rows
