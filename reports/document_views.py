"""Staff pages of the official documents: preview (HTML and PDF), publish, reopen a round."""

import uuid
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from itaportal import thai
from measures.access import member_for
from measures.models import MeasurePlan, Membership, RoundLock
from measures.rounds import round_reopen

from .documents import KINDS, LAYOUTS, document_context, document_pdf, document_title
from .models import KIND_CHOICES, LAYOUT_CHOICES, ROUND_MONTHS, Publication
from .pdf import DocumentRenderError
from .publishing import PublishError, publication_create

MANAGERS = (Membership.Role.COORDINATOR, Membership.Role.EXECUTIVE)


class DocumentKindConverter:
    """URL segment of a document: measures, progress-6 or progress-12."""

    regex = "|".join(KINDS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def _plan_for(request, slug, year):
    membership = member_for(request.user, slug, roles=MANAGERS)
    plan = get_object_or_404(
        MeasurePlan.objects.select_related("organisation", "framework"),
        organisation=membership.organisation,
        fiscal_year=year,
    )
    return plan


def _layout(value):
    return value if value in LAYOUTS else "plan"


@login_required
def documents(request, slug):
    """Every plan of the organisation × the three documents: preview, publish, revisions."""
    membership = member_for(request.user, slug, roles=MANAGERS)
    organisation = membership.organisation
    plans = MeasurePlan.objects.filter(organisation=organisation).order_by("-fiscal_year")
    publications = Publication.objects.filter(plan__organisation=organisation).select_related(
        "published_by"
    )
    locks = RoundLock.objects.active().filter(plan__organisation=organisation)
    locked = {(lock.plan_id, lock.months) for lock in locks}
    revisions = defaultdict(list)
    for publication in publications:
        revisions[publication.plan_id, publication.kind].append(publication)
    rows = []
    for plan in plans:
        docs = []
        for kind, label in KIND_CHOICES:
            months = ROUND_MONTHS.get(kind)
            docs.append(
                {
                    "kind": kind,
                    "label": label,
                    "title": document_title(kind, plan.fiscal_year),
                    "months": months,
                    "locked": (plan.pk, months) in locked,
                    "revisions": revisions[plan.pk, kind],
                    "form_token": uuid.uuid4(),
                }
            )
        rows.append({"plan": plan, "docs": docs})
    return render(
        request,
        "reports/documents/index.html",
        {"organisation": organisation, "rows": rows, "layouts": LAYOUT_CHOICES},
    )


@login_required
def document_preview(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    layout = _layout(request.GET.get("layout"))
    doc = document_context(plan, kind, layout)
    return render(
        request,
        "reports/documents/report.html",
        {
            "doc": doc,
            "organisation": plan.organisation,
            "preview": True,
            "layouts": LAYOUT_CHOICES,
            "pdf_url": reverse("reports:document-preview-pdf", args=[slug, year, kind])
            + f"?layout={layout}",
        },
    )


@login_required
def document_preview_pdf(request, slug, year, kind):
    plan = _plan_for(request, slug, year)
    layout = _layout(request.GET.get("layout"))
    try:
        data, _ = document_pdf(plan, kind, layout)
    except DocumentRenderError as exc:
        messages.error(request, str(exc))
        return redirect("reports:documents", slug=slug)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{kind}-{year}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


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
    try:
        publication = publication_create(
            plan=plan, kind=kind, layout=layout, user=request.user, form_token=form_token
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
