"""Invitations to join an organisation, and the e-mail reminders each person gets."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from .organisations import Membership, Organisation, Unit


def token_digest(token):
    """Only the digest of an invitation's token is stored: a leaked table opens no door."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def unanswered(self):
        """Neither accepted nor cancelled: pending, or expired and waiting to be sent again."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)

    def pending(self, now):
        """Neither accepted nor cancelled, and not expired."""
        return self.unanswered().filter(expires_at__gt=now)


class Invitation(models.Model):
    """A coordinator's invitation, sent by e-mail, to join the organisation in a role.

    Whoever opens the link sets up a new account, or logs in to an existing one and accepts:
    no account is ever attached to an organisation without its owner's consent."""

    class State(models.TextChoices):
        PENDING = "pending", "รอการตอบรับ"
        ACCEPTED = "accepted", "ตอบรับแล้ว"
        CANCELLED = "cancelled", "ยกเลิกแล้ว"
        EXPIRED = "expired", "หมดอายุ"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name="หน่วยงาน"
    )
    email = models.EmailField("อีเมล")
    role = models.CharField("บทบาท", max_length=16, choices=Membership.Role.choices)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="สังกัด")
    token_digest = models.CharField("รหัสลิงก์ (แฮช)", max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้เชิญ",
    )
    created_at = models.DateTimeField("เชิญเมื่อ", auto_now_add=True)
    sent_at = models.DateTimeField("ส่งลิงก์ล่าสุดเมื่อ", null=True, blank=True)
    expires_at = models.DateTimeField("หมดอายุเมื่อ")
    accepted_at = models.DateTimeField("ตอบรับเมื่อ", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้ตอบรับ",
    )
    cancelled_at = models.DateTimeField("ยกเลิกเมื่อ", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "คำเชิญ"
        verbose_name_plural = "คำเชิญ"
        ordering = ["organisation", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "executive", "staff"]),
                name="invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(cancelled_at__isnull=True),
                name="invitation_not_accepted_and_cancelled",
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.get_role_display()} {self.organisation.short_name}"

    def state(self, now):
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.cancelled_at:
            return self.State.CANCELLED
        if self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.PENDING


class Profile(models.Model):
    """A person's own settings; a person without a row has the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name="ผู้ใช้",
    )
    wants_reminders = models.BooleanField("รับอีเมลแจ้งเตือนงานที่ต้องติดตาม", default=True)

    class Meta:
        verbose_name = "การตั้งค่าส่วนตัว"
        verbose_name_plural = "การตั้งค่าส่วนตัว"

    def __str__(self):
        return str(self.user)


class ReminderSent(models.Model):
    """One item of a reminder digest sent to a person on a day.

    The row is written before the mail goes out, and the unique constraint lets only one of
    several runs (cron and a hand-run, or two machines) claim an item for a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="ผู้รับ",
    )
    item = models.CharField("รายการ", max_length=64)
    sent_on = models.DateField("วันที่ส่ง")
    sent_at = models.DateTimeField("ส่งเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "การแจ้งเตือนที่ส่งแล้ว"
        verbose_name_plural = "การแจ้งเตือนที่ส่งแล้ว"
        ordering = ["-sent_on", "user", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item", "sent_on"], name="reminder_once_per_item_and_day"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.item} {self.sent_on}"
