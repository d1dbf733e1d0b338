"""The search index: one row per searchable thing, its text segmented into Thai words.

Thai is written without spaces, so the text is cut into words (pythainlp) when saved and the
database's full-text search matches whole words over that: PostgreSQL through a GIN index on
``to_tsvector('simple', segmented)``, SQLite through an FTS5 table kept by triggers (both are
created in migration 0013). Rows follow their object and go with it (CASCADE).
"""

from django.db import models

from .entries import ProgressEntry
from .organisations import Organisation, Unit
from .plans import Measure, MeasurePlan


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        MEASURE = "measure", "มาตรการ"
        ENTRY = "entry", "ผลการดำเนินการ"
        UNIT = "unit", "สำนัก/กอง"
        DOCUMENT = "document", "เอกสารที่เผยแพร่"

    kind = models.CharField("ชนิด", max_length=8, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน"
    )
    plan = models.ForeignKey(
        MeasurePlan, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="แผน"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="มาตรการ"
    )
    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="ผล"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="สำนัก/กอง"
    )
    # Facts the public rule reads (reports/public_data.py): whether the measure is in force,
    # whether the entry is approved and the first round it is reported in (6 or 12).
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", null=True)
    province = models.CharField("จังหวัด", max_length=100, blank=True)
    in_force = models.BooleanField("มาตรการยังไม่ถอน", default=True)
    approved = models.BooleanField("อนุมัติแล้ว", default=False)
    round_months = models.PositiveSmallIntegerField("รอบ", null=True)
    document_kind = models.CharField("ชนิดเอกสาร", max_length=16, blank=True)
    title = models.TextField("หัวข้อ")
    body = models.TextField("ข้อความ")
    segmented = models.TextField("ข้อความตัดคำ")

    class Meta:
        verbose_name = "ดัชนีค้นหา"
        verbose_name_plural = "ดัชนีค้นหา"
        indexes = [
            models.Index(fields=["organisation", "kind"], name="search_org_kind"),
            models.Index(fields=["measure"], name="search_measure"),
            models.Index(fields=["fiscal_year", "province"], name="search_year_province"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["measure", "entry", "unit", "document"]),
                name="search_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["measure"],
                condition=models.Q(kind="measure"),
                name="search_one_per_measure",
            ),
            models.UniqueConstraint(fields=["entry"], name="search_one_per_entry"),
            models.UniqueConstraint(fields=["unit"], name="search_one_per_unit"),
            models.UniqueConstraint(
                fields=["plan", "document_kind"],
                condition=models.Q(kind="document"),
                name="search_one_per_document",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title[:60]}"
