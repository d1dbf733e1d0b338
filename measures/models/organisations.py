"""Organisations (อปท.), their units, and who works for them in which role."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..uploads import sniff_content_type, suffix_for

# First path segments of the site's own pages: an organisation's slug may not take one.
RESERVED_SLUGS = {
    "admin",
    "accounts",
    "static",
    "media",
    "my-work",
    "manage",
    "api",
    "health",
    "search",
}


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "ชื่อย่อในลิงก์ “%(value)s” สงวนไว้สำหรับระบบ กรุณาใช้ชื่ออื่น", params={"value": value}
        )


def emblem_upload_path(instance, filename):
    # Generated names: what the uploader called the file never reaches the file system, and
    # the extension is the one of the image type its content proves.
    try:
        content_type = sniff_content_type(instance.emblem)
    except (ValueError, OSError):
        # FieldFile.save(name, content) names the file before attaching it: the admin form
        # has re-encoded it as PNG by then, so only a known image extension is kept.
        suffix = PurePath(filename).suffix.lower()
        content_type = "image/png" if suffix == ".png" else None
    return f"emblems/{uuid.uuid4().hex}{suffix_for(content_type)}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SUBDISTRICT = "sao", "องค์การบริหารส่วนตำบล"
        TOWN = "town", "เทศบาลตำบล"
        CITY = "city", "เทศบาลเมือง"
        METROPOLIS = "metro", "เทศบาลนคร"
        PROVINCE = "pao", "องค์การบริหารส่วนจังหวัด"

    ABBREVIATIONS = {
        Kind.SUBDISTRICT: "อบต.",
        Kind.TOWN: "ทต.",
        Kind.CITY: "ทม.",
        Kind.METROPOLIS: "ทน.",
        Kind.PROVINCE: "อบจ.",
    }

    slug = models.SlugField(
        "ชื่อย่อในลิงก์",
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีด เช่น thungdaoruang",
    )
    name_th = models.CharField("ชื่อเต็ม", max_length=200)
    short_name = models.CharField("ชื่อย่อ", max_length=100, help_text="เช่น อบต.ทุ่งดาวเรือง")
    kind = models.CharField("ประเภท", max_length=8, choices=Kind.choices)
    district = models.CharField("อำเภอ", max_length=100)
    province = models.CharField("จังหวัด", max_length=100)
    website = models.URLField("เว็บไซต์", blank=True)
    emblem = models.ImageField("ตราสัญลักษณ์", upload_to=emblem_upload_path, blank=True)
    executive_name = models.CharField(
        "ชื่อผู้บริหาร", max_length=200, blank=True, help_text="เช่น นายสมชาย ใจดี"
    )
    executive_position = models.CharField(
        "ตำแหน่งผู้บริหาร", max_length=200, blank=True, help_text="เช่น นายกองค์การบริหารส่วนตำบล…"
    )
    history = HistoricalRecords(verbose_name="ประวัติหน่วยงาน")

    class Meta:
        verbose_name = "องค์กรปกครองส่วนท้องถิ่น"
        verbose_name_plural = "องค์กรปกครองส่วนท้องถิ่น"
        ordering = ["province", "name_th"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["sao", "town", "city", "metro", "pao"]),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(slug__in=sorted(RESERVED_SLUGS)), name="organisation_slug_free"
            ),
        ]

    def __str__(self):
        return self.name_th

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reports:organisation", kwargs={"slug": self.slug})

    @property
    def location(self):
        """As documents print it: อำเภอ… จังหวัด…"""
        return f"อำเภอ{self.district} จังหวัด{self.province}"


class UnitQuerySet(models.QuerySet):
    def in_use(self):
        """Units not retired: those offered for new measures and members."""
        return self.filter(retired_at__isnull=True)

    def in_use_or(self, chosen):
        """Units in use, plus the retired ones already chosen (an old measure keeps its unit)."""
        return self.filter(models.Q(retired_at__isnull=True) | models.Q(pk__in=chosen))


class Unit(models.Model):
    """A division of an organisation (สำนักปลัด, กองคลัง, …) that carries out measures; a section
    (งาน) may name the division it belongs to, one level deep, and "ผู้บริหาร" is a unit like any.

    A unit is never deleted once used: it is retired, kept on its measures, members' history
    and published documents, and no longer offered for new ones."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="units", verbose_name="หน่วยงาน"
    )
    name = models.CharField("ชื่อสำนัก/กอง", max_length=150)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        verbose_name="สังกัดสำนัก/กอง",
    )
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    retired_at = models.DateTimeField("เลิกใช้เมื่อ", null=True, blank=True)
    history = HistoricalRecords(verbose_name="ประวัติสำนัก/กอง")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "สำนัก/กอง"
        verbose_name_plural = "สำนัก/กอง"
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """As documents print it: งานพัฒนารายได้ (กองคลัง). Select ``parent`` with the unit."""
        return f"{self.name} ({self.parent.name})" if self.parent_id else self.name

    def clean(self):
        parent = self.parent
        if parent is None:
            return
        if parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": "สำนัก/กองที่สังกัดต้องเป็นของหน่วยงานเดียวกัน"})
        if parent.pk == self.pk or parent.parent_id is not None:
            raise ValidationError({"parent": "เลือกสังกัดได้เฉพาะสำนัก/กองที่ไม่ได้สังกัดหน่วยอื่น"})
        if self.pk and self.sections.exists():
            raise ValidationError({"parent": "หน่วยนี้มีงานในสังกัดอยู่แล้ว จึงสังกัดหน่วยอื่นไม่ได้"})


class Membership(models.Model):
    """A person's role in one organisation; staff act for the units listed here."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "ผู้ประสานงาน"
        EXECUTIVE = "executive", "ผู้บริหาร"
        STAFF = "staff", "เจ้าหน้าที่"

    # A site administrator looking at an organisation they do not belong to (access.observer_of):
    # never stored, so not a choice.
    OBSERVER = "observer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="ผู้ใช้",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name="หน่วยงาน"
    )
    role = models.CharField("บทบาท", max_length=16, choices=Role.choices)
    units = models.ManyToManyField(Unit, blank=True, related_name="members", verbose_name="สังกัด")
    # Role changes decide who may see and change what: the history keeps who changed them, when.
    history = HistoricalRecords(verbose_name="ประวัติสมาชิก", m2m_fields=[units])

    class Meta:
        verbose_name = "สมาชิก"
        verbose_name_plural = "สมาชิก"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["coordinator", "executive", "staff"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} {self.organisation.short_name}"

    @property
    def sees_all_measures(self):
        return self.role in (self.Role.COORDINATOR, self.Role.EXECUTIVE, self.OBSERVER)

    @property
    def is_observer(self):
        return self.role == self.OBSERVER


class ItaResult(models.Model):
    """An organisation's ITA result for one assessment year.

    ``total_score`` and ``rating`` are the official figures as NACC published them, typed by
    hand; ``computed_total`` and ``computed_rating`` come from the scores (ItaScore) by the
    framework's rules. The two agree unless a figure was mistyped or NACC rounded differently.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ita_results", verbose_name="หน่วยงาน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีที่ประเมิน (พ.ศ.)")
    framework = models.ForeignKey(
        "measures.Framework",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name="กรอบการประเมิน",
    )
    total_score = models.DecimalField(
        "คะแนนรวมที่ ป.ป.ช. ประกาศ", max_digits=5, decimal_places=2, null=True, blank=True
    )
    # As NACC published it; the framework's bands give the same unless NACC rounded differently.
    rating = models.CharField("ระดับที่ ป.ป.ช. ประกาศ", max_length=4, blank=True)
    computed_total = models.DecimalField(
        "คะแนนรวมที่คำนวณ", max_digits=5, decimal_places=2, null=True, blank=True
    )
    computed_rating = models.CharField("ระดับที่คำนวณ", max_length=4, blank=True)

    class Meta:
        verbose_name = "ผลการประเมิน ITA"
        verbose_name_plural = "ผลการประเมิน ITA"
        ordering = ["organisation", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year"], name="ita_result_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(total_score__gte=0, total_score__lte=100),
                name="ita_result_score_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(computed_total__gte=0, computed_total__lte=100),
                name="ita_result_computed_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.organisation.short_name} ITA {self.fiscal_year}: {self.total}"

    @property
    def total(self):
        """The official total where typed, else the computed one (None when neither is known)."""
        return self.total_score if self.total_score is not None else self.computed_total

    @property
    def shown_rating(self):
        return self.rating or self.computed_rating

    @property
    def totals_disagree(self):
        """True when both totals are known and differ by more than 0.01."""
        if self.total_score is None or self.computed_total is None:
            return False
        return abs(self.total_score - self.computed_total) > Decimal("0.01")
