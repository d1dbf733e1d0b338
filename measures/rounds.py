"""Locking and reopening the reporting rounds of a plan (6 and 12 months).

Publishing a progress report (reports.publishing) locks its round inside the publishing
transaction; while a round is locked its entries may not be added, changed, decided or deleted,
and neither may a measure holding them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from itaportal import thai
from itaportal.logs import log_event

from .models import RoundLock, RoundNotes


def round_lock(*, plan, months, user, at):
    """Lock the round unless a lock is already in force; the caller holds the plan row."""
    lock = RoundLock.objects.active().filter(plan=plan, months=months).first()
    if lock is None:
        lock = RoundLock(plan=plan, months=months, locked_at=at, locked_by=user)
        lock.full_clean()
        lock.save()
    return lock


def round_reopen(*, plan, months, user, reason):
    """Reopen a locked round for corrections: recorded on the lock, with who, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("กรุณาระบุเหตุผลที่เปิดให้แก้ไขผลการดำเนินการของรอบนี้")
    with transaction.atomic():
        lock = (
            RoundLock.objects.select_for_update().active().filter(plan=plan, months=months).first()
        )
        if lock is None:
            raise ValidationError(f"รอบ {thai.to_thai_digits(months)} เดือนไม่ได้ถูกล็อกอยู่")
        lock.reopened_at, lock.reopened_by, lock.reopen_reason = timezone.now(), user, reason
        lock.full_clean()
        lock.save()
    log_event("round_reopened", plan=plan.pk, months=months)
    return lock


def round_is_locked(plan, done_on: date) -> bool:
    """Whether an entry of this plan dated ``done_on`` belongs to a published, locked round."""
    first, last = plan.date_range
    return first <= done_on <= last and bool(locked_months(plan) & set(thai.rounds_of(done_on)))


def locked_months(plan):
    """The rounds (6, 12) of the plan that are published and not reopened: one query."""
    return set(RoundLock.objects.active().filter(plan=plan).values_list("months", flat=True))


def has_published_entries(measure):
    """Whether any entry of the measure falls in a round that was ever published (locked now
    or reopened since): such entries stood in a public report, so the measure must stay."""
    published = set(RoundLock.objects.filter(plan=measure.plan_id).values_list("months", flat=True))
    if not published:
        return False
    first, last = measure.plan.date_range
    dates = measure.entries.filter(done_on__range=(first, last)).values_list("done_on", flat=True)
    return any(published & set(thai.rounds_of(done_on)) for done_on in dates.distinct())


def locked_round_labels(plan):
    """The plan's locked rounds as a form shows them before anyone types: "รอบ ๖ เดือน
    (๑ ต.ค. ๒๕๖๕ - ๓๑ มี.ค. ๒๕๖๖)"."""
    labels = []
    for months in sorted(locked_months(plan)):
        first, last = thai.round_range(plan.fiscal_year, months)
        labels.append(
            f"รอบ {thai.to_thai_digits(months)} เดือน "
            f"({thai.format_date_short(first)} - {thai.format_date_short(last)})"
        )
    return labels


def round_notes_save(*, plan, months, problems, suggestions, user):
    """Set the problems and suggestions a round's progress report ends with (one per round).

    Like its entries, they stay as published while the round is locked."""
    with transaction.atomic():
        if months in locked_months(plan):
            raise ValidationError(
                f"รอบ {thai.to_thai_digits(months)} เดือนเผยแพร่และล็อกแล้ว "
                "กรุณาเปิดให้แก้ไขที่หน้าเอกสารก่อนแก้ปัญหา อุปสรรค และข้อเสนอแนะ"
            )
        notes = RoundNotes.objects.select_for_update().filter(plan=plan, months=months).first()
        notes = notes or RoundNotes(plan=plan, months=months)
        notes.problems = (problems or "").strip()
        notes.suggestions = (suggestions or "").strip()
        notes.updated_by = user
        notes.full_clean()
        notes.save()
    return notes
