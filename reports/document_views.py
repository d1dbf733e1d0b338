"""Staff pages of the official documents: preview (HTML, PDF and DOCX), publish, reopen a
round."""

import uuid
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itaportal import thai
from measures.access import member_for
from measures.models import MeasurePlan, Membership, RoundLock, RoundNotes
from measures.rounds import round_notes_save, round_reopen

from .analysis_views import analysis_rows
from .documents import KINDS, LAYOUTS, document_context, document_pdf, document_title
from .docx import document_docx
from .downloads import docx_response
from .forms import RoundNotesForm
from .models import KIND_CHOICES, LAYOUT_CHOICES, ROUND_MONTHS, Publication
from .pdf import DocumentRenderError
from .publishing import (
    PublishError,
    document_date,
    publication_create,
    publication_missing,
    round_left_out,
)

MANAGERS = (Membership.Role.COORDINATOR, Membership.Role.EXECUTIVE)


class DocumentKindConverter:
    """URL segment of a plan's document: measures, progress-6 or progress-12."""

    regex = "|".join(KINDS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PublicationKindConverter(DocumentKindConverter):
    """URL segment of a published document: a plan's document, or the analysis."""

    regex = "|".join(kind for kind, _label in KIND_CHOICES)


def _plan_for(request, slug, year, roles=MANAGERS):
    membership = member_for(request.user, slug, roles=roles)
    plan = get_object_or_404(
        MeasurePlan.objects.select_related("organisation", "framework"),
        organisation=membership.organisation,
        fiscal_year=year,
    )
    return plan


def _layout(value):
    return value if value in LAYOUTS else "plan"


def _missing(request, plan):
    """The plan's publishing checklist, each item with the page where it is fixed."""
    fix_urls = {
        "plan": reverse("measures:plan-edit", args=[plan.organisation.slug, plan.fiscal_year]),
        # Emblems are uploaded by the site's administrators.
        "emblem": reverse("admin:measures_organisation_change", args=[plan.organisation.pk])
        if request.user.is_staff
        else "",
    }
    return [{"label": m.label, "url": fix_urls[m.fix]} for m in publication_missing(plan)]


def _document_date(request, plan, kind, params):
    """The date a preview or publication prints (see publishing.document_date); a date the
    coordinator typed that cannot be read falls back to today, with a Thai message."""
    typed = params.get("on", "").strip()
    on = None
    if typed and kind in ROUND_MONTHS:
        try:
            on = thai.parse_date(typed)
        except thai.ThaiFormatError as error:
            messages.error(request, f"วันที่ประกาศ: {error} จึงใช้วันที่วันนี้แทน")
    return document_date(plan, kind, on)


@login_required
def documents(request, slug):
    """Every plan of the organisation × the three documents: preview, publish, revisions."""
    membership = member_for(request.user, slug, roles=MANAGERS)
    organisation = membership.organisation
    plans = MeasurePlan.objects.filter(organisation=organisation).order_by("-fiscal_year")
    publications = Publication.objects.filter(plan__organisation=organisation).select_related(
        "published_by", "plan"
    )
    locks = RoundLock.objects.active().filter(plan__organisation=organisation)
    locked = {(lock.plan_id, lock.months) for lock in locks}
    noted = set(
        RoundNotes.objects.filter(plan__organisation=organisation).values_list("plan_id", "months")
    )
    revisions = defaultdict(list)
    for publication in publications:
        revisions[publication.plan_id, publication.kind].append(publication)
    today = timezone.localdate()
    rows = []
    for plan in plans:
        docs = []
        for kind, label in KIND_CHOICES:
            if kind not in KINDS:
                continue  # the analysis has its own section (analysis_views)
            months = ROUND_MONTHS.get(kind)
            docs.append(
                {
                    "kind": kind,
                    "label": label,
                    "title": document_title(kind, plan.fiscal_year, plan.wording),
                    "months": months,
                    "locked": (plan.pk, months) in locked,
                    "has_notes": (plan.pk, months) in noted,
                    "revisions": revisions[plan.pk, kind],
                    "form_token": uuid.uuid4(),
                    "left_out": round_left_out(plan, kind),
                    "on": thai.format_date_numeric(document_date(plan, kind) or today),
                }
            )
        rows.append({"plan": plan, "docs": docs, "missing": _missing(request, plan)})
    return render(
        request,
        "reports/documents/index.html",
        {
            "organisation": organisation,
            "rows": rows,
            "analyses": analysis_rows(request, organisation, publications),
            "layouts": LAYOUT_CHOICES,
            "is_coordinator": membership.role == Membership.Role.COORDINATOR,
        },
    )


@login_required
def document_preview(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    layout = _layout(request.GET.get("layout"))
    on = _document_date(request, plan, kind, request.GET)
    doc = document_context(plan, kind, layout, on=on)
    query = "?" + urlencode({"layout": layout, "on": thai.format_date_numeric(on) if on else ""})
    return render(
        request,
        "reports/documents/report.html",
        {
            "doc": doc,
            "organisation": plan.organisation,
            "preview": True,
            "layouts": LAYOUT_CHOICES,
            "pdf_url": reverse("reports:document-preview-pdf", args=[slug, year, kind]) + query,
            "docx_url": reverse("reports:document-preview-docx", args=[slug, year, kind]) + query,
            "missing": _missing(request, plan),
            "on_text": thai.format_date_numeric(on) if on else "",
        },
    )


@login_required
def document_preview_pdf(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    layout = _layout(request.GET.get("layout"))
    on = _document_date(request, plan, kind, request.GET)
    try:
        data, _ = document_pdf(plan, kind, layout, on=on)
    except DocumentRenderError as exc:
        messages.error(request, str(exc))
        return redirect("reports:documents", slug=slug)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{kind}-{year}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def document_preview_docx(request, slug, year, kind):
    """A working copy to edit and sign in Word, never a publication: only PDFs are published."""
    plan = _plan_for(request, slug, year)
    layout = _layout(request.GET.get("layout"))
    on = _document_date(request, plan, kind, request.GET)
    data, doc = document_docx(plan, kind, layout, on=on)
    return docx_response(
        data,
        name=f"{doc['title']} {plan.organisation.short_name} (ฉบับแก้ไขได้).docx",
        fallback=f"preview-{kind}-{year}.docx",
    )


@login_required
@require_POST
def document_publish(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    layout = request.POST.get("layout")
    if layout not in LAYOUTS:
        messages.error(request, "กรุณาเลือกรูปแบบตารางก่อนเผยแพร่")
        return redirect("reports:documents", slug=slug)
    try:
        form_token = uuid.UUID(request.POST.get("form_token", ""))
    except ValueError:
        messages.error(request, "แบบฟอร์มเผยแพร่ไม่สมบูรณ์ กรุณาโหลดหน้านี้ใหม่แล้วกดเผยแพร่อีกครั้ง")
        return redirect("reports:documents", slug=slug)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "กรุณาทำเครื่องหมายยืนยันว่าตรวจสอบตัวอย่างเอกสารแล้ว ก่อนกดเผยแพร่")
        return redirect("reports:documents", slug=slug)
    on = _document_date(request, plan, kind, request.POST)
    try:
        publication = publication_create(
            plan=plan, kind=kind, layout=layout, user=request.user, on=on, form_token=form_token
        )
    except (DocumentRenderError, PublishError) as exc:
        messages.error(request, str(exc))
        return redirect("reports:documents", slug=slug)
    messages.success(
        request,
        f"เผยแพร่ {publication.title} ฉบับที่ {thai.to_thai_digits(publication.revision)} แล้ว",
    )
    return redirect("reports:documents", slug=slug)


@login_required
@require_POST
def document_round_reopen(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    months = ROUND_MONTHS.get(kind)
    if months is None:
        messages.error(request, "เอกสารมาตรการไม่มีรอบรายงานให้เปิดแก้ไข")
        return redirect("reports:documents", slug=slug)
    try:
        round_reopen(
            plan=plan, months=months, user=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:documents", slug=slug)
    messages.success(request, f"เปิดให้แก้ไขผลการดำเนินการรอบ {thai.to_thai_digits(months)} เดือนแล้ว")
    return redirect("reports:documents", slug=slug)


@login_required
def document_round_notes(request, slug, year, kind):
    """The coordinator types the problems and suggestions a progress report ends with."""
    plan = _plan_for(request, slug, year, roles=(Membership.Role.COORDINATOR,))
    months = ROUND_MONTHS.get(kind)
    if months is None:
        raise Http404("เอกสารมาตรการไม่มีส่วนปัญหา อุปสรรค และข้อเสนอแนะ")
    notes = RoundNotes.objects.filter(plan=plan, months=months).first()
    form = RoundNotesForm(
        request.POST or None,
        initial={"problems": notes.problems, "suggestions": notes.suggestions} if notes else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_notes_save(plan=plan, months=months, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"บันทึกปัญหา อุปสรรค และข้อเสนอแนะของ{document_title(kind, year, plan.wording)}แล้ว",
            )
            return redirect("reports:documents", slug=slug)
    return render(
        request,
        "reports/documents/round_notes.html",
        {
            "form": form,
            "plan": plan,
            "organisation": plan.organisation,
            "kind": kind,
            "title": document_title(kind, plan.fiscal_year, plan.wording),
        },
    )
