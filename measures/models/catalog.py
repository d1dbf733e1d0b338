"""The ITA framework catalog: per fiscal year, its tools, indicators and question codes.

A framework is data with a fiscal year, never code: the NACC renumbers questions and OIT items
between years, so nothing outside this catalog may hard-code a code such as O42.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

ANSWERED_BY_SHAPE = '[{"document": ชนิดเอกสาร, "fiscal_year_offset": ๐ ถึง -๕}, …]'


def answered_by_is_valid(value):
    """An OIT item's answered_by: a list of {document, fiscal_year_offset}, the offset being
    the plan's fiscal year relative to the assessment year (0, or earlier years)."""
    return isinstance(value, list) and all(
        isinstance(answer, dict)
        and set(answer) == {"document", "fiscal_year_offset"}
        and isinstance(answer["document"], str)
        and answer["document"].strip()
        and type(answer["fiscal_year_offset"]) is int
        and -5 <= answer["fiscal_year_offset"] <= 0
        for answer in value
    )


class Framework(models.Model):
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    # A framework in use is never rewritten; a corrected catalog becomes a new version.
    version = models.PositiveSmallIntegerField("ฉบับที่", default=1)
    status_note = models.TextField("ความครบถ้วนของข้อมูล", blank=True)
    pass_mark = models.DecimalField("เกณฑ์ผ่าน", max_digits=5, decimal_places=2, default=85)
    sources = models.JSONField("แหล่งที่มา", default=dict, blank=True)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "กรอบการประเมิน ITA"
        verbose_name_plural = "กรอบการประเมิน ITA"
        ordering = ["-fiscal_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "version"], name="framework_unique_year_version"
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700),
                name="framework_fiscal_year_buddhist_era",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="framework_pass_mark_0_100"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="framework_version_positive"),
        ]

    def __str__(self):
        return f"ITA {self.fiscal_year} ฉบับที่ {self.version}"

    def is_in_use(self):
        """True once a plan is bound to this framework or a measure addresses one of its codes."""
        return (
            self.plans.exists()
            or Question.objects.filter(framework=self, measures__isnull=False).exists()
        )

    def rating_for(self, score):
        """The rating band (AA…F) of a total score, or "" when the bands are unknown."""
        for band in self.rating_bands.order_by("-min_score"):
            if score >= band.min_score:
                return band.rating
        return ""


class RatingBand(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="rating_bands", verbose_name="กรอบ"
    )
    rating = models.CharField("ระดับ", max_length=4)
    min_score = models.DecimalField("คะแนนขั้นต่ำ", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "ระดับผลการประเมิน"
        verbose_name_plural = "ระดับผลการประเมิน"
        ordering = ["framework", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "rating"], name="band_unique_rating"),
            models.CheckConstraint(
                condition=Q(min_score__gte=0, min_score__lte=100), name="band_min_score_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.rating} ≥ {self.min_score}"


class Tool(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="tools", verbose_name="กรอบ"
    )
    code = models.CharField("รหัส", max_length=8, help_text="เช่น IIT, EIT, OIT")
    name_th = models.CharField("ชื่อเครื่องมือ", max_length=200, blank=True)
    weight = models.DecimalField(
        "น้ำหนัก (ร้อยละ)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "เครื่องมือการประเมิน"
        verbose_name_plural = "เครื่องมือการประเมิน"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="tool_unique_code"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=0, weight__lte=100),
                name="tool_weight_0_100",
            ),
        ]

    def __str__(self):
        return self.code


class Indicator(models.Model):
    class ScoreFrom(models.TextChoices):
        QUESTIONS = "questions", "ค่าเฉลี่ยของข้อคำถาม"
        SUB_INDICATORS = "sub_indicators", "ค่าเฉลี่ยของตัวชี้วัดย่อย"

    tool = models.ForeignKey(
        Tool, on_delete=models.CASCADE, related_name="indicators", verbose_name="เครื่องมือ"
    )
    number = models.PositiveSmallIntegerField("ตัวชี้วัดที่")
    name_th = models.CharField("ชื่อตัวชี้วัด", max_length=200, blank=True)
    # A framework rule (it may change between years): how the indicator's score is averaged.
    score_from = models.CharField(
        "คะแนนตัวชี้วัดคิดจาก",
        max_length=16,
        choices=ScoreFrom.choices,
        default=ScoreFrom.QUESTIONS,
    )

    class Meta:
        verbose_name = "ตัวชี้วัด"
        verbose_name_plural = "ตัวชี้วัด"
        ordering = ["tool", "number"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="indicator_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="indicator_number_positive"),
            models.CheckConstraint(
                condition=Q(score_from__in=["questions", "sub_indicators"]),
                name="indicator_score_from_valid",
            ),
        ]

    def __str__(self):
        return f"ตัวชี้วัดที่ {self.number} {self.name_th}".strip()


class SubIndicator(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sub_indicators", verbose_name="ตัวชี้วัด"
    )
    number = models.CharField("ตัวชี้วัดย่อยที่", max_length=8, help_text="เช่น 9.1")
    name_th = models.CharField("ชื่อตัวชี้วัดย่อย", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ตัวชี้วัดย่อย"
        verbose_name_plural = "ตัวชี้วัดย่อย"
        ordering = ["indicator", "order"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="subindicator_unique"),
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]+\.[0-9]+$"), name="subindicator_number_n_n"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name_th}".strip()


class Question(models.Model):
    """An assessment question (IIT/EIT) or OIT item, e.g. i7, e11, O42."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="questions", verbose_name="กรอบ"
    )
    tool = models.ForeignKey(
        Tool, on_delete=models.CASCADE, related_name="questions", verbose_name="เครื่องมือ"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="questions",
        null=True,
        blank=True,
        verbose_name="ตัวชี้วัด",
    )
    sub_indicator = models.ForeignKey(
        SubIndicator,
        on_delete=models.CASCADE,
        related_name="questions",
        null=True,
        blank=True,
        verbose_name="ตัวชี้วัดย่อย",
    )
    code = models.CharField("รหัส", max_length=8, help_text="เช่น i7, e11, O42")
    # Empty where the code is known but its wording is not (see the catalog's sources).
    text_th = models.TextField("ข้อความ", blank=True)
    # Which of the portal's published documents answer this OIT item, for the ITAS answer
    # sheet: [{"document": "measures", "fiscal_year_offset": 0}, …], from the catalog.
    answered_by = models.JSONField("เอกสารของระบบที่ตอบข้อนี้", default=list, blank=True)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ข้อคำถาม"
        verbose_name_plural = "ข้อคำถาม"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="question_unique_code"),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[ieO][1-9][0-9]*$"), name="question_code_canonical"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.text_th}".strip()

    def clean(self):
        if not answered_by_is_valid(self.answered_by):
            raise ValidationError({"answered_by": f"ต้องอยู่ในรูป {ANSWERED_BY_SHAPE}"})
