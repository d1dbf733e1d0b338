"""The analysis document's preview PDF and DOCX working copy, for the coordinators and
executives who publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from measures.access import COORDINATOR, EXECUTIVE, member_for

from .analysis_document import AnalysisUnavailable, analysis_pdf
from .document_views import docx_response
from .docx_analysis import analysis_docx
from .pdf import DocumentRenderError


@login_required
def analysis_preview_pdf(request, slug, year):
    """The analysis of the result of ``year`` − 1, leading into ``year``'s plan."""
    membership = member_for(request.user, slug, [COORDINATOR, EXECUTIVE])
    if not 2500 <= year <= 2700:
        raise Http404("ไม่พบหน้าที่ต้องการ")
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
    membership = member_for(request.user, slug, [COORDINATOR, EXECUTIVE])
    if not 2500 <= year <= 2700:
        raise Http404("ไม่พบหน้าที่ต้องการ")
    organisation = membership.organisation
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
