"""Published documents.

A publication is a frozen record: its PDF file, checksum, who published it and when, and the
data it was made from. It is never edited or deleted; publishing again adds a revision.
"""

import hashlib
import os
import uuid
from functools import lru_cache
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from itaportal import thai
from measures.models import MeasurePlan

KIND_CHOICES = [
    # The analysis of the ITA result of the year before the plan's, published under the plan
    # year it leads into (reports/analysis_document.py); it comes first in the yearly cycle.
    ("analysis", "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"),
    ("measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ("progress-6", "รายงานผลการดำเนินการ รอบ ๖ เดือน"),
    ("progress-12", "รายงานผลการดำเนินการ รอบ ๑๒ เดือน"),
]
ANALYSIS = "analysis"
# The documents made from a plan's measures (the analysis is made from an ITA result).
PLAN_KINDS = tuple(kind for kind, _label in KIND_CHOICES if kind != ANALYSIS)
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


class ImmutableFieldFile(models.fields.files.FieldFile):
    """A published file: ``file.delete()`` would remove the bytes before the row refused."""

    def delete(self, save=True):
        raise ImmutableError("ไฟล์ของเอกสารที่เผยแพร่แล้วลบไม่ได้")


class ImmutableFileField(models.FileField):
    attr_class = ImmutableFieldFile


class PublicationUnavailable(Exception):
    """The stored file is missing or its bytes do not match the checksum recorded at publishing."""


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
    file = ImmutableFileField("ไฟล์ PDF", upload_to=publication_upload_path)
    # A copy of the emblem the PDF printed: the web view of this revision shows the same one
    # after the organisation uploads a new emblem.
    emblem = ImmutableFileField("ตราสัญลักษณ์ที่พิมพ์", upload_to=publication_emblem_path, blank=True)
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
    # The publish form's one-time token: a double click, or a second tab posting the same
    # form, finds the revision the first post made instead of publishing another.
    form_token = models.UUIDField("รหัสแบบฟอร์มเผยแพร่", null=True, blank=True, unique=True)

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

    def verified_bytes(self):
        """The stored PDF, only if it is byte for byte what was published."""
        try:
            with self.file.open("rb") as stored:
                data = stored.read()
        except (FileNotFoundError, ValueError) as exc:
            raise PublicationUnavailable(f"file {self.file.name!r} is missing") from exc
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise PublicationUnavailable(f"file {self.file.name!r} does not match its SHA-256")
        return data

    def verified_path(self):
        """The stored PDF's path on disk, only if it is byte for byte what was published; None
        where the storage keeps files elsewhere (an object store: use ``verified_bytes``).

        The file is hashed again only when it changed since it was last found good: its inode,
        size, modification and change times differ (a program that rewrites the file can set
        the modification time back, not the change time)."""
        try:
            path = self.file.path
        except NotImplementedError:
            return None
        try:
            stat = os.stat(path)
        except (FileNotFoundError, ValueError) as exc:
            raise PublicationUnavailable(f"file {self.file.name!r} is missing") from exc
        seen = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        if not _file_matches(path, self.sha256, seen):
            raise PublicationUnavailable(f"file {self.file.name!r} does not match its SHA-256")
        return path

    @property
    def filename(self):
        """The Thai name a download is saved under."""
        org = self.plan.organisation.short_name or self.plan.organisation.name_th
        label = {
            "measures": "มาตรการ ITA",
            "progress-6": "รายงานผล ITA รอบ ๖ เดือน",
            "progress-12": "รายงานผล ITA รอบ ๑๒ เดือน",
            "analysis": "การวิเคราะห์ผล ITA",
        }[self.kind]
        year, revision = (
            thai.to_thai_digits(self.plan.fiscal_year),
            thai.to_thai_digits(self.revision),
        )
        return f"{label} {org} {year} ฉบับที่ {revision}.pdf"


@lru_cache(maxsize=4096)
def _file_matches(path, sha256, seen):
    """Whether the file at ``path``, as ``seen`` by os.stat, has this SHA-256 (remembered per
    worker process: a changed file is seen differently and hashed again)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == sha256
