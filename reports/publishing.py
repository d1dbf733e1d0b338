"""Publishing documents: freeze a rendered PDF with its data, lock the round it reports on."""

import hashlib
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from itaportal import thai
from itaportal.logs import log_event
from measures.models import MeasurePlan

from .documents import KINDS, LAYOUTS, document_context, emblem_path, pdf_from_context
from .models import ROUND_MONTHS, Publication, RoundLock, publication_emblem_path


class PublishError(Exception):
    """Publishing refused; ``str(e)`` is a Thai sentence for the user."""


def publication_create(*, plan, kind, layout, user, cover=True, on=None):
    """Render, store and record a new revision of a plan's document; lock a progress round.

    The PDF is rendered before the transaction (it takes a second or two); the revision number
    is taken under a lock on the plan row, so two people publishing at once get 1 and 2."""
    if kind not in KINDS or layout not in LAYOUTS:
        raise PublishError("ไม่รู้จักเอกสารหรือรูปแบบตารางนี้")
    now = timezone.now()
    doc = document_context(plan, kind, layout, on=on or timezone.localdate(now), cover=cover)
    # The PDF prints a copy of the emblem kept with the publication, so the web view of this
    # revision shows exactly the emblem its PDF has, whatever is uploaded later.
    emblem = _emblem_copy(plan.organisation)
    try:
        data = pdf_from_context(doc, emblem=default_storage.path(emblem) if emblem else None)
        return _record(plan=plan, doc=doc, data=data, emblem=emblem, user=user, now=now)
    except BaseException:
        # Nothing was published: keep no copy behind.
        if emblem:
            default_storage.delete(emblem)
        raise


def _record(*, plan, doc, data, emblem, user, now):
    """The publication row (the next revision) and, for a progress round, its lock."""
    kind = doc["kind"]
    with transaction.atomic():
        MeasurePlan.objects.select_for_update().get(pk=plan.pk)
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
        )
        publication.file.save("document.pdf", ContentFile(data), save=False)
        publication.emblem.name = emblem or ""
        publication.full_clean()
        publication.save()
        months = ROUND_MONTHS.get(kind)
        if months and not _active_lock(plan, months):
            RoundLock.objects.create(
                plan=plan, months=months, publication=publication, locked_at=now, locked_by=user
            )
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


def _active_lock(plan, months):
    return RoundLock.objects.active().filter(plan=plan, months=months).first()


def round_reopen(*, plan, months, user, reason):
    """Reopen a locked round for corrections: recorded on the lock, with who, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishError("กรุณาระบุเหตุผลที่เปิดให้แก้ไขผลการดำเนินการของรอบนี้")
    with transaction.atomic():
        lock = (
            RoundLock.objects.select_for_update().active().filter(plan=plan, months=months).first()
        )
        if lock is None:
            raise PublishError(f"รอบ {thai.to_thai_digits(months)} เดือนไม่ได้ถูกล็อกอยู่")
        RoundLock.objects.filter(pk=lock.pk).update(
            reopened_at=timezone.now(), reopened_by=user, reopen_reason=reason
        )
    log_event("round_reopened", plan=plan.pk, months=months)
    lock.refresh_from_db()
    return lock


def round_is_locked(plan, done_on: date) -> bool:
    """Whether an entry of this plan dated ``done_on`` belongs to a published, locked round.

    For the workflow: creating, editing, submitting or approving such an entry must be refused
    until the round is reopened (``round_reopen``)."""
    first, last = plan.date_range
    return first <= done_on <= last and bool(locked_months(plan) & set(thai.rounds_of(done_on)))


def locked_months(plan):
    """The rounds (6, 12) of the plan that are published and not reopened: one query."""
    return set(RoundLock.objects.active().filter(plan=plan).values_list("months", flat=True))
