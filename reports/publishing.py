"""Publishing documents: freeze a rendered PDF with its data, lock the round it reports on
(measures.rounds owns the locks)."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from itaportal import thai
from itaportal.logs import log_event
from itaportal.media import local_file
from measures.models import MeasurePlan, ProgressEntry
from measures.results.plans import next_plan_ensure
from measures.rounds import round_lock
from measures.search.indexing import search_document_index

from .analysis_document import (
    AnalysisUnavailable,
    analysed_result,
    analysis_context,
    analysis_pdf_from_context,
)
from .documents import KINDS, LAYOUTS, document_context, emblem_path, pdf_from_context
from .models import (
    ROUND_MONTHS,
    Publication,
    publication_emblem_path,
    publication_upload_path,
)


class PublishError(Exception):
    """Publishing refused; ``str(e)`` is a Thai sentence for the user."""


@dataclass(frozen=True)
class Missing:
    """Something every document prints that the plan does not have yet; ``fix`` names where
    it is set: "plan" (the plan's form), "emblem" or "organisation" (the organisation's record,
    kept by the site's administrators) or "result" (the ITA result the analysis reads)."""

    label: str
    fix: str


def publication_missing(plan):
    """What is missing before any document of the plan may be published (an announcement
    printed without a signatory would read "()" where the name belongs)."""
    missing = []
    if not plan.signatory_name.strip():
        missing.append(Missing("ชื่อผู้ลงนามในประกาศ", "plan"))
    if not plan.signatory_position.strip():
        missing.append(Missing("ตำแหน่งผู้ลงนามในประกาศ", "plan"))
    if not plan.announced_on:
        missing.append(Missing("วันที่ประกาศมาตรการ", "plan"))
    if emblem_path(plan.organisation) is None:
        missing.append(Missing("ตราสัญลักษณ์ของหน่วยงาน", "emblem"))
    return missing


def analysis_missing(*, organisation, plan_year):
    """What is missing before the analysis leading into ``plan_year`` may be published: its
    announcement is signed by the organisation's executive, since the plan it leads into
    may not exist yet."""
    missing = []
    try:
        analysed_result(organisation=organisation, plan_year=plan_year)
    except AnalysisUnavailable:
        year = thai.to_thai_digits(plan_year - 1)
        missing.append(Missing(f"ผลการประเมิน ITA ปี {year} รายข้อหรือรายตัวชี้วัด", "result"))
    if not organisation.executive_name.strip():
        missing.append(Missing("ชื่อผู้บริหารของหน่วยงาน (ผู้ลงนามในประกาศ)", "organisation"))
    if not organisation.executive_position.strip():
        missing.append(Missing("ตำแหน่งผู้บริหารของหน่วยงาน", "organisation"))
    if emblem_path(organisation) is None:
        missing.append(Missing("ตราสัญลักษณ์ของหน่วยงาน", "emblem"))
    return missing


def round_left_out(plan, kind):
    """What the round holds that its report will not show: entries not approved (by state)
    and measures with no approved entry in the round. Thai lines; empty for the measures."""
    months = ROUND_MONTHS.get(kind)
    if months is None:
        return []
    entries = ProgressEntry.objects.filter(
        measure__plan=plan, measure__withdrawn_at__isnull=True
    ).in_round(plan.fiscal_year, months)
    counts = dict(entries.values_list("review_state").annotate(n=Count("pk")))
    lines = [
        f"ผลการดำเนินการที่{label} {thai.to_thai_digits(counts[state])} รายการ"
        for state, label in LEFT_OUT_STATES
        if counts.get(state)
    ]
    approved = entries.filter(review_state=ProgressEntry.Review.APPROVED)
    bare = plan.measures.in_force().exclude(pk__in=approved.values("measure")).count()
    if bare:
        lines.append(f"มาตรการที่ยังไม่มีผลการดำเนินการที่อนุมัติในรอบนี้ {thai.to_thai_digits(bare)} มาตรการ")
    return lines


LEFT_OUT_STATES = [
    (ProgressEntry.Review.SUBMITTED, "รออนุมัติ"),
    (ProgressEntry.Review.RETURNED, "ถูกส่งกลับแก้ไข"),
    (ProgressEntry.Review.DRAFT, "เป็นฉบับร่าง"),
]


def document_date(plan, kind, on=None):
    """The date after ประกาศ ณ วันที่: the measures carry the day the plan was announced; a
    progress report the day the coordinator sets when publishing (today unless told)."""
    if kind not in ROUND_MONTHS:
        return plan.announced_on
    return on or timezone.localdate()


def publication_create(*, plan, kind, layout, user, cover=True, on=None, form_token=None):
    """Render, store and record a new revision of a plan's document; lock a progress round.

    The PDF is rendered before the transaction (it takes a second or two); the revision number
    is taken under a lock on the plan row, so two people publishing at once get 1 and 2.
    ``form_token`` identifies the publish form: posting the same form again (a double click)
    returns the revision it already made."""
    if kind not in KINDS or layout not in LAYOUTS:
        raise PublishError("ไม่รู้จักเอกสารหรือรูปแบบตารางนี้")
    done = _published_by_form(form_token)
    if done:
        return done
    missing = publication_missing(plan)
    if missing:
        raise PublishError("ยังเผยแพร่ไม่ได้ เพราะเอกสารยังขาด: " + ", ".join(m.label for m in missing))
    doc = document_context(plan, kind, layout, on=document_date(plan, kind, on), cover=cover)
    return _publish(
        organisation=plan.organisation,
        doc=doc,
        render=pdf_from_context,
        plan_of=lambda: plan,
        user=user,
        form_token=form_token,
    )


def analysis_publish(*, organisation, plan_year, user, on=None, cover=True, form_token=None):
    """Render, store and record a new revision of the analysis leading into ``plan_year``,
    published under that year's plan. A missing plan is created empty and unannounced: the
    analysis comes before the measures in the yearly cycle, and a coordinator should not have
    to open a plan only to give the analysis a place (measures.results.plans)."""
    done = _published_by_form(form_token)
    if done:
        return done
    missing = analysis_missing(organisation=organisation, plan_year=plan_year)
    if missing:
        raise PublishError("ยังเผยแพร่ไม่ได้ เพราะเอกสารยังขาด: " + ", ".join(m.label for m in missing))
    result = analysed_result(organisation=organisation, plan_year=plan_year)
    doc = analysis_context(
        organisation=organisation, plan_year=plan_year, on=on or timezone.localdate(), cover=cover
    )
    return _publish(
        organisation=organisation,
        doc={**doc, "layout": "plan"},
        render=analysis_pdf_from_context,
        plan_of=lambda: next_plan_ensure(result=result)[0],
        user=user,
        form_token=form_token,
    )


def _publish(*, organisation, doc, render, plan_of, user, form_token):
    """Render ``doc``, store the PDF and record it as the next revision in the plan
    ``plan_of()`` gives (called inside the transaction that records it)."""
    now = timezone.now()
    # The PDF prints a copy of the emblem kept with the publication, so the web view of this
    # revision shows exactly the emblem its PDF has, whatever is uploaded later.
    emblem = _emblem_copy(organisation)
    stored = None
    try:
        data = render(doc, emblem=local_file(emblem) if emblem else None)
        stored = default_storage.save(publication_upload_path(None, None), ContentFile(data))
        with transaction.atomic():
            publication = _record(
                plan=plan_of(),
                doc=doc,
                data=data,
                stored=stored,
                emblem=emblem,
                user=user,
                now=now,
                form_token=form_token,
            )
    except BaseException:
        _discard(stored, emblem)  # nothing was published: keep no file behind
        raise
    if publication.file.name != stored:
        # The same form was published meanwhile by a concurrent post: that revision stands.
        _discard(stored, emblem)
    return publication


def _discard(*names):
    for name in names:
        if name:
            default_storage.delete(name)


def _published_by_form(form_token):
    if form_token is None:
        return None
    return Publication.objects.filter(form_token=form_token).first()


def _record(*, plan, doc, data, stored, emblem, user, now, form_token):
    """The publication row (the next revision) and, for a progress round, its lock."""
    kind = doc["kind"]
    with transaction.atomic():
        MeasurePlan.objects.select_for_update().get(pk=plan.pk)
        done = _published_by_form(form_token)
        if done:
            return done
        last = Publication.objects.filter(plan=plan, kind=kind).order_by("-revision").first()
        publication = Publication(
            plan=plan,
            kind=kind,
            layout=doc["layout"],
            revision=(last.revision + 1) if last else 1,
            title=doc["title"],
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            published_at=now,
            published_by=user,
            data=doc,
            form_token=form_token,
        )
        publication.file.name = stored
        publication.emblem.name = emblem or ""
        publication.full_clean()
        publication.save()
        months = ROUND_MONTHS.get(kind)
        if months:
            round_lock(plan=plan, months=months, user=user, at=now)
        search_document_index(plan=plan, document_kind=kind, title=publication.title)
    log_event("published", publication=publication.pk, kind=kind, revision=publication.revision)
    return publication


def _emblem_copy(organisation):
    """The storage name of a fresh copy of the organisation's emblem, or None without one."""
    source = emblem_path(organisation)
    if source is None:
        return None
    return default_storage.save(
        publication_emblem_path(None, source), ContentFile(Path(source).read_bytes())
    )
