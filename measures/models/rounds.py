"""Reporting rounds of a plan that are closed: publishing a progress report locks its round.

A lock belongs to the plan's lifecycle, so it lives here; reports creates it when publishing
(through measures.rounds) and reads it, and the entries of a locked round stay as published
until the round is reopened, with who, when and why recorded on the same row."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from itaportal import thai

from . import limits
from .limits import MaxLength
from .plans import MeasurePlan


class RoundLockQuerySet(models.QuerySet):
    def active(self):
        """Locks in force: published and not reopened."""
        return self.filter(reopened_at__isnull=True)


class RoundLock(models.Model):
    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.PROTECT, related_name="round_locks", verbose_name="แผน"
    )
    months = models.PositiveSmallIntegerField("รอบ (เดือน)")
    locked_at = models.DateTimeField("ล็อกเมื่อ")
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ผู้ล็อก",
    )
    reopened_at = models.DateTimeField("เปิดแก้ไขเมื่อ", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="ผู้เปิดแก้ไข",
    )
    reopen_reason = models.TextField(
        "เหตุผลที่เปิดแก้ไข", blank=True, validators=[MaxLength(limits.REOPEN_REASON)]
    )
    history = HistoricalRecords(verbose_name="ประวัติการล็อกรอบรายงาน")

    objects = RoundLockQuerySet.as_manager()

    class Meta:
        verbose_name = "การล็อกรอบรายงาน"
        verbose_name_plural = "การล็อกรอบรายงาน"
        ordering = ["plan", "months", "-locked_at"]
        constraints = [
            models.CheckConstraint(condition=Q(months__in=[6, 12]), name="roundlock_months"),
            # At most one lock in force per round.
            models.UniqueConstraint(
                fields=["plan", "months"],
                condition=Q(reopened_at__isnull=True),
                name="roundlock_one_active",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="roundlock_reopen_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.plan} รอบ {thai.to_thai_digits(self.months)} เดือน"

    def delete(self, *args, **kwargs):
        raise ValidationError("การล็อกรอบรายงานลบไม่ได้ ให้เปิดแก้ไขแทน")


class RoundNotes(models.Model):
    """What the coordinator writes at the end of a round's progress report: the problems met
    and the suggestions (ปัญหา อุปสรรค, ข้อเสนอแนะ), printed after the table when not empty."""

    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.CASCADE, related_name="round_notes", verbose_name="แผน"
    )
    months = models.PositiveSmallIntegerField("รอบ (เดือน)")
    problems = models.TextField(
        "ปัญหา อุปสรรค", blank=True, validators=[MaxLength(limits.ROUND_NOTES)]
    )
    suggestions = models.TextField(
        "ข้อเสนอแนะ", blank=True, validators=[MaxLength(limits.ROUND_NOTES)]
    )
    updated_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="ผู้แก้ไขล่าสุด",
    )
    history = HistoricalRecords(verbose_name="ประวัติปัญหาและข้อเสนอแนะ")

    class Meta:
        verbose_name = "ปัญหาและข้อเสนอแนะของรอบรายงาน"
        verbose_name_plural = "ปัญหาและข้อเสนอแนะของรอบรายงาน"
        ordering = ["plan", "months"]
        constraints = [
            models.CheckConstraint(condition=Q(months__in=[6, 12]), name="roundnotes_months"),
            models.UniqueConstraint(fields=["plan", "months"], name="roundnotes_one_per_round"),
        ]

    def __str__(self):
        return f"{self.plan} รอบ {thai.to_thai_digits(self.months)} เดือน"
