"""The progress units record on a measure, and its evidence (links and files)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from itaportal import thai

from ..uploads import suffix_for
from . import limits
from .dates import DatePrecision
from .limits import MaxLength
from .plans import Measure


class ProgressEntryQuerySet(models.QuerySet):
    def in_round(self, fiscal_year, months):
        """Entries of the 6- or 12-month round of a fiscal year, by their date alone."""
        return self.filter(done_on__range=thai.round_range(fiscal_year, months))


class ProgressEntry(models.Model):
    """What a unit did on a measure, on a date. Its reporting round follows from that date."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "ยังไม่ดำเนินการ"
        IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
        DONE = "done", "ดำเนินการแล้ว"

    class Review(models.TextChoices):
        DRAFT = "draft", "ฉบับร่าง"
        SUBMITTED = "submitted", "รออนุมัติ"
        APPROVED = "approved", "อนุมัติแล้ว"
        RETURNED = "returned", "ส่งกลับแก้ไข"

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="entries", verbose_name="มาตรการ"
    )
    # A result copied from a published report may be dated only by its month or its round
    # (see DatePrecision): done_on then holds the month's first day or the round's last day.
    done_on = models.DateField("วันที่ดำเนินการ")
    date_precision = models.CharField(
        "ความละเอียดของวันที่",
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    description = models.TextField(
        "ผลการดำเนินการ", validators=[MaxLength(limits.ENTRY_DESCRIPTION)]
    )
    # Blank status and no percent: the source did not say (never invented on import).
    status = models.CharField(
        "สถานะ", max_length=16, choices=Status.choices, default=Status.IN_PROGRESS, blank=True
    )
    percent = models.PositiveSmallIntegerField("ร้อยละความสำเร็จ", default=0, null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_entries",
        verbose_name="ผู้บันทึก",
    )
    # Only approved entries appear in published reports.
    review_state = models.CharField(
        "สถานะการอนุมัติ", max_length=16, choices=Review.choices, default=Review.DRAFT
    )
    review_comment = models.TextField(
        "ความเห็นของผู้บริหาร", blank=True, validators=[MaxLength(limits.REVIEW_COMMENT)]
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_entries",
        verbose_name="ผู้พิจารณา",
    )
    reviewed_at = models.DateTimeField("พิจารณาเมื่อ", null=True, blank=True)
    # Copied from a published report or a spreadsheet (plan_import), not recorded here.
    imported = models.BooleanField("นำเข้าจากเอกสาร", default=False)
    version = models.PositiveIntegerField("ฉบับแก้ไขที่", default=1)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)
    history = HistoricalRecords(verbose_name="ประวัติผลการดำเนินการ")

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "ผลการดำเนินการ"
        verbose_name_plural = "ผลการดำเนินการ"
        ordering = ["measure", "done_on", "pk"]
        indexes = [
            models.Index(fields=["measure", "done_on"], name="entry_measure_date"),
            models.Index(fields=["review_state", "measure"], name="entry_review_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_state__in=["draft", "submitted", "approved", "returned"]),
                name="entry_review_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="entry_percent_0_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["", "not_started", "in_progress", "done"]),
                name="entry_status_valid",
            ),
            # "ดำเนินการแล้ว" means the measure's work is complete; "ยังไม่ดำเนินการ" that none is.
            models.CheckConstraint(
                condition=~Q(status="done") | Q(percent__isnull=False, percent=100),
                name="entry_done_is_100_percent",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_started") | Q(percent__isnull=False, percent=0),
                name="entry_not_started_is_0_percent",
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=["day", "month", "round"]),
                name="entry_date_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.measure.number}: {thai.format_date_short(self.done_on)}"

    def clean(self):
        if self.done_on and self.date_precision == DatePrecision.MONTH:
            self.done_on = self.done_on.replace(day=1)
        if self.done_on and self.date_precision == DatePrecision.ROUND:
            self.done_on = thai.round_range(thai.fiscal_year_of(self.done_on), self.round_months)[1]
        if self.done_on and self.measure_id:
            first, last = self.measure.plan.date_range
            if not first <= self.done_on <= last:
                raise ValidationError(
                    {
                        "done_on": "วันที่ดำเนินการต้องอยู่ในปีงบประมาณ "
                        f"{thai.to_thai_digits(self.measure.plan.fiscal_year)} "
                        f"({thai.format_date_short(first)} – {thai.format_date_short(last)})"
                    }
                )

    @property
    def fiscal_year(self):
        return thai.fiscal_year_of(self.done_on)

    @property
    def round_months(self):
        """6 for work of 1 Oct–31 Mar, else 12: the round the entry is first reported in."""
        return thai.rounds_of(self.done_on)[0]

    def date_text(self, months=None):
        """The date as documents print it: ๕ ม.ค. ๖๖, ม.ค. ๖๖ for a month, and for a round
        nothing in that round's own report (the report names it) or รอบ ๖ เดือน elsewhere."""
        if self.date_precision == DatePrecision.MONTH:
            return thai.format_month_short(self.done_on)
        if self.date_precision == DatePrecision.ROUND:
            own = self.round_months
            return "" if own == months else f"รอบ {thai.to_thai_digits(own)} เดือน"
        return thai.format_date_short(self.done_on)

    @property
    def date_label(self):
        """The date as pages show it, as precisely as it is known."""
        if self.date_precision == DatePrecision.MONTH:
            return f"เดือน{thai.format_month(self.done_on)}"
        if self.date_precision == DatePrecision.ROUND:
            return f"รอบ {thai.to_thai_digits(self.round_months)} เดือน"
        return thai.format_date(self.done_on)

    @property
    def state_text(self):
        """Status and percent as far as known: อยู่ระหว่างดำเนินการ ร้อยละ ๕๐, or less."""
        parts = [self.get_status_display()] if self.status else []
        if self.percent is not None:
            parts.append(f"ร้อยละ {thai.to_thai_digits(self.percent)}")
        return " ".join(parts)

    @property
    def rounds(self):
        """(6, 12) for work done 1 Oct–31 Mar, (12,) for 1 Apr–30 Sep."""
        return thai.rounds_of(self.done_on)


class EvidenceLink(models.Model):
    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, related_name="links", verbose_name="ผลการดำเนินการ"
    )
    url = models.URLField("ลิงก์", max_length=500)
    title = models.CharField("ชื่อหลักฐาน", max_length=300)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    history = HistoricalRecords(verbose_name="ประวัติลิงก์หลักฐาน")

    class Meta:
        verbose_name = "ลิงก์หลักฐาน"
        verbose_name_plural = "ลิงก์หลักฐาน"
        ordering = ["entry", "order", "pk"]

    def __str__(self):
        return self.title


def evidence_upload_path(instance, filename):
    # Generated names under media/ (never static/); the original name is kept in the row, and
    # the extension is the one of the type the content proved (a PNG named .html is a .png).
    return f"evidence/{uuid.uuid4().hex}{suffix_for(instance.content_type)}"


class CurrentEvidenceManager(models.Manager):
    """Files removed from their entry are kept for the audit trail but no longer belong to it:
    as the default manager, this keeps them out of `entry.files`, forms and documents."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class EvidenceFile(models.Model):
    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, related_name="files", verbose_name="ผลการดำเนินการ"
    )
    file = models.FileField("ไฟล์", upload_to=evidence_upload_path)
    original_name = models.CharField("ชื่อไฟล์เดิม", max_length=255)
    content_type = models.CharField("ชนิดไฟล์", max_length=100)
    size = models.PositiveIntegerField("ขนาด (ไบต์)")
    uploaded_at = models.DateTimeField("อัปโหลดเมื่อ", auto_now_add=True)
    # Removing evidence from an entry marks the row; the file stays so the history can open it.
    removed_at = models.DateTimeField("นำออกเมื่อ", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้นำออก",
    )
    history = HistoricalRecords(verbose_name="ประวัติไฟล์หลักฐาน")
    with_removed = models.Manager()

    objects = CurrentEvidenceManager()

    class Meta:
        default_manager_name = "objects"
        verbose_name = "ไฟล์หลักฐาน"
        verbose_name_plural = "ไฟล์หลักฐาน"
        ordering = ["entry", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=10 * 1024 * 1024), name="evidence_file_at_most_10mb"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_removed(self):
        return self.removed_at is not None
