"""A year's measures plan and its measures, with their steps and monitoring items (the
progress recorded on them is in entries.py)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from itaportal import thai

from . import limits
from .catalog import Framework, Question
from .dates import DatePrecision, deadline_short, deadline_text, month_deadline
from .limits import MaxLength
from .organisations import Organisation, Unit


class MeasurePlan(models.Model):
    """The measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) of one organisation for one fiscal year."""

    class Wording(models.TextChoices):
        """How the plan's documents word their titles and column headers: organisations keep
        the wording of their own earlier documents (the texts are in reports/wording.py)."""

        STANDARD = "standard", "มาตรฐาน: …ภายในหน่วยงาน, ผลลัพธ์/ข้อเสนอแนะ"
        GUIDELINE = (
            "guideline",
            ("มาตรการ/แนวทางการกำหนดวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ, ผลลัพธ์หรือความสำเร็จของการดำเนินการ"),
        )
        BRIEF = "brief", "รายงานผลการดำเนินการมาตรการ…, ผลการดำเนินการ, ข้อเสนอแนะ"
        SUCCESS = "success", "ผลลัพธ์/ความสำเร็จ, การแสดงผลและการกำกับติดตาม"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plans", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    # The assessment whose results the plan answers: for FY 2566 usually the ITA 2565 framework.
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="plans", verbose_name="กรอบการประเมิน"
    )
    intro = models.TextField("บทนำ", blank=True, validators=[MaxLength(limits.PLAN_INTRO)])
    announced_on = models.DateField("วันที่ประกาศ", null=True, blank=True)
    signatory_name = models.CharField("ผู้ลงนาม", max_length=200, blank=True)
    signatory_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=200, blank=True)
    wording = models.CharField(
        "ถ้อยคำของชื่อเอกสารและหัวตาราง",
        max_length=20,
        choices=Wording.choices,
        default=Wording.STANDARD,
    )
    # Issue texts often quote the question already; such plans print the codes alone.
    questions_with_text = models.BooleanField("พิมพ์ข้อความคำถามต่อจากรหัสคำถาม", default=True)
    # Optimistic locking: a save that started from an older version is refused (no lost updates).
    version = models.PositiveIntegerField("ฉบับแก้ไขที่", default=1)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)
    history = HistoricalRecords(verbose_name="ประวัติแผนมาตรการ")

    class Meta:
        verbose_name = "แผนมาตรการ"
        verbose_name_plural = "แผนมาตรการ"
        ordering = ["organisation", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year"], name="plan_one_per_organisation_year"
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700),
                name="plan_fiscal_year_buddhist_era",
            ),
        ]

    def __str__(self):
        return f"มาตรการ {self.organisation.short_name} ปีงบประมาณ {self.fiscal_year}"

    def clean(self):
        if self.framework_id and self.fiscal_year and self.framework.fiscal_year > self.fiscal_year:
            raise ValidationError({"framework": "กรอบการประเมินต้องเป็นของปีงบประมาณนี้หรือปีก่อนหน้า"})

    @property
    def date_range(self):
        return thai.fiscal_year_range(self.fiscal_year)


class Theme(models.Model):
    """A numbered group of measures, as the 2567 format prints them: (๑) กระบวนการปฏิบัติงาน…"""

    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.CASCADE, related_name="themes", verbose_name="แผน"
    )
    number = models.PositiveSmallIntegerField("ลำดับที่")
    title = models.CharField("ชื่อประเด็น", max_length=300)

    class Meta:
        verbose_name = "ประเด็นมาตรการ"
        verbose_name_plural = "ประเด็นมาตรการ"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="theme_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="theme_number_positive"),
        ]

    def __str__(self):
        return f"({self.number}) {self.title}"


NO_TITLE_OR_ISSUE = "กรุณากรอกมาตรการ/แนวทาง หรือประเด็นที่ต้องปรับปรุงแก้ไข อย่างน้อยหนึ่งช่อง"


class MeasureQuerySet(models.QuerySet):
    def in_force(self):
        """Measures not withdrawn: what new documents and public pages show."""
        return self.filter(withdrawn_at__isnull=True)

    def for_units(self, units):
        """Measures that any of these units is responsible for, including "all units" ones."""
        return self.filter(Q(all_units=True) | Q(units__in=units)).distinct()

    def with_latest_entry(self):
        """Annotate latest_status and latest_percent from the most recent approved entry that
        states a status: what the executive accepted, never a draft (the dashboard counts the
        same way). latest_percent is None when that entry gave no percent."""
        from .entries import ProgressEntry  # entries.py builds on this module

        latest = (
            ProgressEntry.objects.filter(
                measure=OuterRef("pk"), review_state=ProgressEntry.Review.APPROVED
            )
            .exclude(status="")
            .order_by("-done_on", "-created_at", "-pk")
        )
        return self.annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_percent=Subquery(latest.values("percent")[:1]),
            latest_done_on=Subquery(latest.values("done_on")[:1]),
        )


class Measure(models.Model):
    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.CASCADE, related_name="measures", verbose_name="แผน"
    )
    number = models.PositiveSmallIntegerField("มาตรการที่")
    order = models.PositiveSmallIntegerField("ลำดับการแสดง", default=0)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="measures",
        null=True,
        blank=True,
        verbose_name="ประเด็น",
    )
    # Many real plans give a row an issue and steps but no title of its own: the issue heads it.
    title = models.TextField(
        "มาตรการ/แนวทาง", blank=True, validators=[MaxLength(limits.MEASURE_TITLE)]
    )
    issue = models.TextField(
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        blank=True,
        validators=[MaxLength(limits.MEASURE_ISSUE)],
    )
    questions = models.ManyToManyField(
        Question, blank=True, related_name="measures", verbose_name="ข้อคำถามที่เกี่ยวข้อง"
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="measures", verbose_name="ผู้รับผิดชอบ"
    )
    all_units = models.BooleanField("ทุกสำนัก/กองรับผิดชอบ", default=False)
    # What the plan says beside the units: "ทุกสำนัก/กองจัดทำในส่วนที่เกี่ยวข้องส่งสำนักปลัด".
    responsible_note = models.TextField(
        "หมายเหตุผู้รับผิดชอบ", blank=True, validators=[MaxLength(limits.MEASURE_RESPONSIBLE)]
    )
    monitoring = models.TextField(
        "การรายงานผลและการกำกับติดตาม", blank=True, validators=[MaxLength(limits.MEASURE_MONITORING)]
    )
    deadline = models.DateField("กำหนดเวลาแล้วเสร็จ", null=True, blank=True)
    deadline_precision = models.CharField(
        "ความละเอียดของกำหนดเวลา",
        max_length=8,
        choices=DatePrecision.choices[:2],
        default=DatePrecision.DAY,
    )
    # Months, stored as the first day of each: ต.ค. ๖๕ - มี.ค. ๖๖. Both empty when the plan
    # gives no period (many reports do not): documents then print "-", never the whole year.
    period_start = models.DateField("เริ่มดำเนินการ (เดือน)", null=True, blank=True)
    period_end = models.DateField("สิ้นสุด (เดือน)", null=True, blank=True)
    expected_outcome = models.TextField(
        "ผลลัพธ์ที่คาดหวัง", blank=True, validators=[MaxLength(limits.MEASURE_OUTCOME)]
    )
    # A measure whose entries were published is never deleted: it is withdrawn, kept with its
    # entries (the published documents still show it) and left out of new documents.
    withdrawn_at = models.DateTimeField("ถอนมาตรการเมื่อ", null=True, blank=True)
    version = models.PositiveIntegerField("ฉบับแก้ไขที่", default=1)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขเมื่อ", auto_now=True)
    history = HistoricalRecords(verbose_name="ประวัติมาตรการ", m2m_fields=[units, questions])

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = "มาตรการ"
        verbose_name_plural = "มาตรการ"
        ordering = ["plan", "order", "number"]
        indexes = [models.Index(fields=["plan", "deadline"], name="measure_plan_deadline")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="measure_number_positive"),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="measure_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_start__isnull=False, period_end__isnull=False),
                name="measure_period_whole_or_unknown",
            ),
            models.CheckConstraint(condition=~Q(title="", issue=""), name="measure_title_or_issue"),
            models.CheckConstraint(
                condition=Q(deadline_precision__in=["day", "month"]),
                name="measure_deadline_precision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    @property
    def heading(self):
        """What heads the measure in lists and documents: its title, or else its issue."""
        return self.title or self.issue

    def clean(self):
        errors = {}
        if not (self.title or "").strip() and not (self.issue or "").strip():
            errors["title"] = NO_TITLE_OR_ISSUE
        self.deadline = month_deadline(self.deadline, self.deadline_precision)
        if self.period_start and self.period_start.day != 1:
            self.period_start = self.period_start.replace(day=1)
        if self.period_end and self.period_end.day != 1:
            self.period_end = self.period_end.replace(day=1)
        if (self.period_start is None) != (self.period_end is None):
            errors["period_end"] = "กรุณากรอกทั้งเดือนเริ่มและเดือนสิ้นสุด หรือเว้นว่างทั้งคู่ถ้าแผนไม่ระบุ"
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มดำเนินการ"
        if self.plan_id:
            # Work may begin before the fiscal year (ก.ย. ๖๕ - เม.ย. ๖๖ for FY 2566): the form
            # warns about it, but the year must have begun by the time it ends.
            first, last = self.plan.date_range
            if self.period_start and self.period_start > last:
                errors["period_start"] = (
                    f"เดือนเริ่มดำเนินการต้องไม่เลยปีงบประมาณ {thai.to_thai_digits(self.plan.fiscal_year)}"
                )
            if self.period_end and not first <= self.period_end <= last:
                errors["period_end"] = (
                    f"เดือนสิ้นสุดต้องอยู่ในปีงบประมาณ {thai.to_thai_digits(self.plan.fiscal_year)}"
                )
            if self.theme_id and self.theme.plan_id != self.plan_id:
                errors["theme"] = "ประเด็นนี้เป็นของแผนอื่น"
        if errors:
            raise ValidationError(errors)

    @property
    def period_known(self):
        return self.period_start is not None and self.period_end is not None

    @property
    def period_text(self):
        """ต.ค. ๖๕ - มี.ค. ๖๖, or "" when the plan gave no period (printed as "-")."""
        if not self.period_known:
            return ""
        return thai.format_period(self.period_start, self.period_end)

    def is_overdue(self, today):
        """Late once its deadline has passed. The period plays no part: a measure whose period
        is unknown is late only by its deadline, and one with neither is never late (nothing
        the plan said has passed), so the dashboard and reminders count it as not yet due."""
        return bool(self.deadline and self.deadline < today)

    @property
    def deadline_text(self):
        return deadline_text(self.deadline, self.deadline_precision)

    @property
    def deadline_short(self):
        return deadline_short(self.deadline, self.deadline_precision)


class MonitoringItem(models.Model):
    """One line of a measure's การรายงานผลและการกำกับติดตาม (ติดตามผล), with its own deadline (a
    day or a month) or a recurrence as the plan words it: ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม.
    The measure's free ``monitoring`` text stays valid beside these and prints first."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="monitoring_items", verbose_name="มาตรการ"
    )
    order = models.PositiveSmallIntegerField("ลำดับ")
    text = models.TextField("การติดตามผล", validators=[MaxLength(limits.MEASURE_MONITORING)])
    deadline = models.DateField("กำหนดเวลา", null=True, blank=True)
    deadline_precision = models.CharField(
        "ความละเอียดของกำหนดเวลา",
        max_length=8,
        choices=DatePrecision.choices[:2],
        default=DatePrecision.DAY,
    )
    recurrence = models.CharField("ความถี่", max_length=300, blank=True)
    history = HistoricalRecords(verbose_name="ประวัติการติดตามผล")

    class Meta:
        verbose_name = "การติดตามผล"
        verbose_name_plural = "การติดตามผล"
        ordering = ["measure", "order"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "order"], name="monitoring_unique_order"),
            models.CheckConstraint(
                condition=Q(deadline_precision__in=["day", "month"]),
                name="monitoring_deadline_precision_valid",
            ),
        ]

    def __str__(self):
        return self.printed

    def clean(self):
        self.deadline = month_deadline(self.deadline, self.deadline_precision)

    @property
    def printed(self):
        """The line as documents print it: what is monitored, then when; once only when the
        text already says when (a line imported as the plan wrote it)."""
        when = self.recurrence or deadline_text(self.deadline, self.deadline_precision)
        if when and _said(when) in _said(self.text):
            return self.text
        return f"{self.text} {when}".strip()


def _said(text):
    """Text compared for what it says: no spaces, Arabic digits, no era (พ.ศ.)."""
    return re.sub(r"\s+|พ\.\s?ศ\.", "", thai.to_arabic_digits(text))


class MeasureStep(models.Model):
    """One step of a measure's ขั้นตอนหรือวิธีการ, printed as ๑. ๒. ๓., or with its label as the
    document wrote it (๑ ๒ ๓ ๓.๑ ๓.๒ ๔): a sub-step keeps its number, not the next one."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="steps", verbose_name="มาตรการ"
    )
    order = models.PositiveSmallIntegerField("ลำดับ")
    label = models.CharField("เลขข้อตามเอกสาร", max_length=20, blank=True)
    text = models.TextField("ขั้นตอน", validators=[MaxLength(limits.STEP_TEXT)])
    deadline = models.DateField("กำหนดเสร็จ", null=True, blank=True)
    history = HistoricalRecords(verbose_name="ประวัติขั้นตอน")

    class Meta:
        verbose_name = "ขั้นตอน"
        verbose_name_plural = "ขั้นตอน"
        ordering = ["measure", "order"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "order"], name="step_unique_order"),
        ]

    def __str__(self):
        return f"{self.number_text}. {self.text}"

    @property
    def number_text(self):
        """The step's number as printed: its label as written, else its place, in Thai digits."""
        return thai.to_thai_digits(self.label or self.order)
