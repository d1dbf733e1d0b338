"""The daily e-mail digest: to each person, only what concerns them, each item once a day.

What concerns whom:
- staff and coordinators: measures (their units', or all for coordinators) due within
  ``days`` or overdue and not done, of this fiscal year or the last;
- coordinators: the round whose report falls due this month (the 6-month report in April, the
  12-month report in October) while it is not yet published;
- everyone: their own entries sent back for a fix;
- executives: entries waiting for their decision (those of a locked round cannot be decided,
  so they wait for the coordinator, not the executive).

An item is claimed in ReminderSent (user, item, day) before the mail goes out: a second run the
same day, or one running at the same time, finds it claimed and sends nothing for it. A mail
that fails releases its claims, so the next run tries again."""

import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from itaportal import thai
from itaportal.logs import log_event

from . import services
from .access import COORDINATOR, EXECUTIVE, measures_for_membership, memberships_of
from .models import MeasurePlan, ProgressEntry, ReminderSent, RoundLock

RETURNED, WAITING, OVERDUE, DUE, ROUNDS = (
    "ผลการดำเนินการที่ถูกส่งกลับแก้ไข",
    "ผลการดำเนินการที่รอท่านอนุมัติ",
    "มาตรการที่เลยกำหนดแล้ว",
    "มาตรการที่ใกล้ครบกำหนด",
    "รอบรายงานที่ถึงกำหนด",
)
SECTIONS = (RETURNED, WAITING, OVERDUE, DUE, ROUNDS)
# The month a round's report falls due: the 6-month round ends in March, the 12-month in September.
REPORT_MONTH = {6: 4, 12: 10}


@dataclass(frozen=True)
class Reminder:
    key: str  # what ReminderSent records: one kind of item and its id
    section: str
    text: str
    path: str


@dataclass
class ReminderRun:
    sent: list = field(default_factory=list)  # (user, [Reminder])
    failed: list = field(default_factory=list)  # users whose mail the server refused


def _short(text, limit=90):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _measure_label(measure):
    return f"มาตรการที่ {thai.to_thai_digits(measure.number)} {_short(measure.title)}"


def _entry_label(entry):
    return (
        f"{_measure_label(entry.measure)}: ผลวันที่ {thai.format_date_short(entry.done_on)}"
        f" ({entry.measure.plan.organisation.short_name})"
    )


def _measures_due(membership, today, days):
    measures = (
        measures_for_membership(membership)
        .in_force()
        .filter(
            plan__fiscal_year__gte=thai.fiscal_year_of(today) - 1,
            deadline__lte=today + timedelta(days=days),
        )
        .with_latest_entry()
        .select_related("plan__organisation")
        .order_by("deadline", "number")
    )
    for measure in measures:
        if measure.latest_status == ProgressEntry.Status.DONE:
            continue
        left = (measure.deadline - today).days
        if left < 0:
            when, section, kind = f"เลยกำหนดมาแล้ว {thai.thai_number(-left)} วัน", OVERDUE, "overdue"
        else:
            when = "ครบกำหนดวันนี้" if left == 0 else f"อีก {thai.thai_number(left)} วัน"
            section, kind = DUE, "due"
        yield Reminder(
            f"measure-{kind}:{measure.pk}",
            section,
            f"{_measure_label(measure)} ({measure.plan.organisation.short_name}) "
            f"กำหนดแล้วเสร็จ {thai.format_date_short(measure.deadline)}: {when}",
            reverse(
                "measures:measure-detail",
                kwargs={"slug": measure.plan.organisation.slug, "pk": measure.pk},
            ),
        )


def _rounds_due(membership, today):
    months = next((m for m, month in REPORT_MONTH.items() if month == today.month), None)
    if months is None:
        return
    # April is in the fiscal year of its 6-month round; October starts the next fiscal year.
    fiscal_year = thai.fiscal_year_of(today) - (1 if months == 12 else 0)
    plan = MeasurePlan.objects.filter(
        organisation=membership.organisation, fiscal_year=fiscal_year
    ).first()
    if plan is None or RoundLock.objects.filter(plan=plan, months=months).exists():
        return
    first, last = thai.round_range(fiscal_year, months)
    yield Reminder(
        f"round:{plan.pk}:{months}",
        ROUNDS,
        f"รายงานผลการดำเนินการรอบ {thai.to_thai_digits(months)} เดือน ปีงบประมาณ "
        f"{thai.to_thai_digits(fiscal_year)} ({thai.format_date_short(first)} - "
        f"{thai.format_date_short(last)}) ของ {membership.organisation.short_name} "
        "ถึงกำหนดรายงานในเดือนนี้ และยังไม่ได้เผยแพร่",
        reverse("reports:documents", kwargs={"slug": membership.organisation.slug}),
    )


def _entries_returned(membership, user):
    entries = ProgressEntry.objects.filter(
        author=user,
        review_state=ProgressEntry.Review.RETURNED,
        measure__plan__organisation=membership.organisation,
    ).select_related("measure__plan__organisation")
    for entry in entries.order_by("reviewed_at", "pk"):
        comment = f": “{_short(entry.review_comment, 120)}”" if entry.review_comment else ""
        yield Reminder(
            f"entry-returned:{entry.pk}",
            RETURNED,
            f"{_entry_label(entry)} ถูกส่งกลับแก้ไข{comment}",
            reverse(
                "measures:entry-edit",
                kwargs={"slug": membership.organisation.slug, "pk": entry.pk},
            ),
        )


def _entries_waiting(membership):
    entries = list(
        ProgressEntry.objects.filter(
            measure__plan__organisation=membership.organisation,
            review_state=ProgressEntry.Review.SUBMITTED,
        )
        .select_related("measure__plan__organisation", "author")
        .order_by("updated_at", "pk")
    )
    for plan in {entry.measure.plan for entry in entries}:
        services.entries_locked(plan, [e for e in entries if e.measure.plan == plan])
    for entry in entries:
        if entry.locked:
            continue
        author = (entry.author.get_full_name() or entry.author.username) if entry.author else "–"
        yield Reminder(
            f"entry-waiting:{entry.pk}",
            WAITING,
            f"{_entry_label(entry)} บันทึกโดย {author}",
            reverse(
                "measures:entry-review",
                kwargs={"slug": membership.organisation.slug, "pk": entry.pk},
            ),
        )


def reminders_for(*, user, today, days):
    """Everything the digest of ``today`` would tell ``user``, claimed or not."""
    reminders = []
    for membership in memberships_of(user):
        reminders += _entries_returned(membership, user)
        if membership.role == EXECUTIVE:
            reminders += _entries_waiting(membership)
        else:
            reminders += _measures_due(membership, today, days)
        if membership.role == COORDINATOR:
            reminders += _rounds_due(membership, today)
    return reminders


def _recipients():
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .exclude(profile__wants_reminders=False)
        .distinct()
        .order_by("pk")
    )


def _claim(user, reminders, today):
    """The reminders this run claimed; those another run claimed today are left out."""
    claimed = []
    for reminder in reminders:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(user=user, item=reminder.key, sent_on=today)
        except IntegrityError:
            continue
        claimed.append(reminder)
    return claimed


def _digest(user, reminders, today):
    sections = [(s, [r for r in reminders if r.section == s]) for s in SECTIONS]
    context = {
        "user": user,
        "today": today,
        "sections": [(s, items) for s, items in sections if items],
        "site_url": settings.SITE_URL,
    }
    subject = (
        f"ITA Portal: งานที่ต้องติดตาม {thai.thai_number(len(reminders))} รายการ "
        f"({thai.format_date_short(today)})"
    )
    return subject, render_to_string("emails/reminders.txt", context)


def reminders_send(*, today, days=14, dry_run=False):
    """One digest per person of what they have not been told about today."""
    run = ReminderRun()
    for user in _recipients():
        reminders = reminders_for(user=user, today=today, days=days)
        if dry_run:
            told = set(
                ReminderSent.objects.filter(user=user, sent_on=today).values_list("item", flat=True)
            )
            reminders = [r for r in reminders if r.key not in told]
        else:
            reminders = _claim(user, reminders, today)
        if not reminders:
            continue
        if not dry_run:
            subject, body = _digest(user, reminders, today)
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            except (smtplib.SMTPException, OSError) as error:
                ReminderSent.objects.filter(
                    user=user, sent_on=today, item__in=[r.key for r in reminders]
                ).delete()
                log_event("reminders_not_sent", user=user.pk, error=type(error).__name__)
                run.failed.append(user)
                continue
            log_event("reminders_sent", user=user.pk, items=len(reminders))
        run.sent.append((user, reminders))
    return run
