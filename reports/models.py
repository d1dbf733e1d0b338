"""Published documents and the reporting rounds they lock.

A publication is a frozen record: its PDF file, checksum, who published it and when, and the
data it was made from. It is never edited or deleted; publishing again adds a revision.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from itaportal import thai
from measures.models import MeasurePlan

KIND_CHOICES = [
    ("measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ("progress-6", "รายงานผลการดำเนินการ รอบ ๖ เดือน"),
    ("progress-12", "รายงานผลการดำเนินการ รอบ ๑๒ เดือน"),
]
LAYOUT_CHOICES = [("plan", "ตามเครื่องมือและตัวชี้วัด"), ("summary", "สรุปตามประเด็น")]
ROUND_MONTHS = {"progress-6": thai.ROUND_6, "progress-12": thai.ROUND_12}


class ImmutableError(ValidationError):
    pass


def publication_upload_path(instance, filename):
    # A generated name: the stored file's name carries nothing anyone typed.
    return f"publications/{uuid.uuid4().hex}.pdf"


def publication_emblem_path(instance, filename):
    # The emblem's own extension (checked when it was uploaded) tells its image type.
    return f"publications/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("เอกสารที่เผยแพร่แล้วแก้ไขไม่ได้")

    def delete(self):
        raise ImmutableError("เอกสารที่เผยแพร่แล้วลบไม่ได้")


class Publication(models.Model):
    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.PROTECT, related_name="publications", verbose_name="แผน"
    )
    kind = models.CharField("เอกสาร", max_length=16, choices=KIND_CHOICES)
    layout = models.CharField("รูปแบบตาราง", max_length=8, choices=LAYOUT_CHOICES)
    revision = models.PositiveIntegerField("ฉบับที่")
    title = models.CharField("ชื่อเอกสาร", max_length=300)
    file = models.FileField("ไฟล์ PDF", upload_to=publication_upload_path)
    # A copy of the emblem the PDF printed: the web view of this revision shows the same one
    # after the organisation uploads a new emblem.
    emblem = models.FileField("ตราสัญลักษณ์ที่พิมพ์", upload_to=publication_emblem_path, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("ขนาด (ไบต์)")
    published_at = models.DateTimeField("เผยแพร่เมื่อ")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name="ผู้เผยแพร่",
    )
    data = models.JSONField("ข้อมูลที่ใช้จัดทำ")

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = "เอกสารที่เผยแพร่"
        verbose_name_plural = "เอกสารที่เผยแพร่"
        ordering = ["plan", "kind", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "revision"], name="publication_unique_revision"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind for kind, _label in KIND_CHOICES]),
                name="publication_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(layout__in=[layout for layout, _label in LAYOUT_CHOICES]),
                name="publication_layout_valid",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="publication_revision_1"),
        ]

    def __str__(self):
        return f"{self.title} (ฉบับที่ {thai.to_thai_digits(self.revision)})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("เอกสารที่เผยแพร่แล้วแก้ไขไม่ได้ กรุณาเผยแพร่ฉบับใหม่แทน")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "reports:publication-revision-pdf",
            kwargs={
                "slug": self.plan.organisation.slug,
                "year": self.plan.fiscal_year,
                "kind": self.kind,
                "revision": self.revision,
            },
        )

    def delete(self, *args, **kwargs):
        raise ImmutableError("เอกสารที่เผยแพร่แล้วลบไม่ได้")

    @property
    def filename(self):
        """The Thai name a download is saved under."""
        org = self.plan.organisation.short_name or self.plan.organisation.name_th
        label = {
            "measures": "มาตรการ ITA",
            "progress-6": "รายงานผล ITA รอบ ๖ เดือน",
            "progress-12": "รายงานผล ITA รอบ ๑๒ เดือน",
        }[self.kind]
        year, revision = (
            thai.to_thai_digits(self.plan.fiscal_year),
            thai.to_thai_digits(self.revision),
        )
        return f"{label} {org} {year} ฉบับที่ {revision}.pdf"


class RoundLockQuerySet(models.QuerySet):
    def active(self):
        """Locks in force: published and not reopened."""
        return self.filter(reopened_at__isnull=True)


class RoundLock(models.Model):
    """Publishing a progress round locks its entries; reopening is recorded on the same row."""

    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.PROTECT, related_name="round_locks", verbose_name="แผน"
    )
    months = models.PositiveSmallIntegerField("รอบ (เดือน)")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="locks", verbose_name="เอกสาร"
    )
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
    reopen_reason = models.TextField("เหตุผลที่เปิดแก้ไข", blank=True)

    objects = RoundLockQuerySet.as_manager()

    class Meta:
        verbose_name = "การล็อกรอบรายงาน"
        verbose_name_plural = "การล็อกรอบรายงาน"
        ordering = ["plan", "months", "-locked_at"]
        constraints = [
            models.CheckConstraint(condition=Q(months__in=[6, 12]), name="round_lock_months"),
            # At most one lock in force per round.
            models.UniqueConstraint(
                fields=["plan", "months"],
                condition=Q(reopened_at__isnull=True),
                name="round_lock_one_active",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="round_lock_reopen_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.plan} รอบ {thai.to_thai_digits(self.months)} เดือน"

    def delete(self, *args, **kwargs):
        raise ImmutableError("การล็อกรอบรายงานลบไม่ได้ ให้เปิดแก้ไขแทน")
