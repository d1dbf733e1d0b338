"""Files attached to an entry form that failed: kept a short while so nobody attaches them twice."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..uploads import suffix_for
from .organisations import Organisation


def pending_upload_path(instance, filename):
    # Under media/pending/, never served directly: nobody downloads a pending file, it only
    # becomes evidence (and downloadable through the access checks) once its form is saved.
    return f"pending/{uuid.uuid4().hex}{suffix_for(instance.content_type)}"


class PendingUploadQuerySet(models.QuerySet):
    def usable_by(self, user, organisation, now):
        """The person's own files for this organisation, not yet expired: another person's
        token, or one of another organisation, matches nothing."""
        return self.filter(owner=user, organisation=organisation, expires_at__gt=now)

    def expired(self, now):
        return self.filter(expires_at__lte=now)


class PendingUpload(models.Model):
    """A file that passed every upload check on a form that failed for another reason. The form
    carries its random token; the next save of that form turns it into evidence."""

    token = models.UUIDField("รหัสอ้างอิง", default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_uploads",
        verbose_name="ผู้อัปโหลด",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="pending_uploads",
        verbose_name="หน่วยงาน",
    )
    file = models.FileField("ไฟล์", upload_to=pending_upload_path)
    original_name = models.CharField("ชื่อไฟล์เดิม", max_length=255)
    content_type = models.CharField("ชนิดไฟล์", max_length=100)
    size = models.PositiveIntegerField("ขนาด (ไบต์)")
    created_at = models.DateTimeField("อัปโหลดเมื่อ", auto_now_add=True)
    expires_at = models.DateTimeField("หมดอายุเมื่อ")

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        verbose_name = "ไฟล์ที่รอบันทึก"
        verbose_name_plural = "ไฟล์ที่รอบันทึก"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=10 * 1024 * 1024), name="pending_upload_at_most_10mb"
            ),
        ]

    def __str__(self):
        return self.original_name
