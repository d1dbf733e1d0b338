"""Inviting people by e-mail into an organisation, and joining by the invitation's link.

The coordinator's form never looks accounts up: the link goes to the address typed, and its
holder either sets up a new account or logs in and accepts. Sending is done after the
invitation is saved; a mail server that refuses leaves it pending, to be sent again."""

import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from itaportal.logs import log_event

from . import members
from .models import Invitation
from .models.invitations import token_digest

INVITATION_LIFETIME = timedelta(days=14)
ALREADY_INVITED = "มีคำเชิญถึงอีเมลนี้ที่ยังไม่ตอบรับอยู่แล้ว หากต้องการส่งลิงก์ใหม่ กรุณากด “ส่งอีกครั้ง” ในรายการคำเชิญ"
ALREADY_MEMBER = "บัญชีของท่านเป็นสมาชิกของหน่วยงานนี้อยู่แล้ว จึงไม่ได้เพิ่มซ้ำ"
NOT_PENDING = "คำเชิญนี้ใช้ไม่ได้แล้ว (ตอบรับแล้ว ถูกยกเลิก หรือหมดอายุ) กรุณาขอคำเชิญใหม่จากผู้ประสานงาน"


def invitation_for_token(token):
    """The invitation a link's token opens, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_digest=token_digest(token))
        .first()
    )


def _new_token(invitation, now):
    token = secrets.token_urlsafe(32)
    invitation.token_digest = token_digest(token)
    invitation.expires_at = now + INVITATION_LIFETIME
    return token


@transaction.atomic
def invitation_create(*, organisation, email, role, units=(), invited_by):
    """A pending invitation and the token of its link (only its digest is stored)."""
    units = list(units)
    if any(u.organisation_id != organisation.pk for u in units):
        raise ValidationError({"units": "สำนัก/กองที่เลือกไม่ใช่ของหน่วยงานนี้"})
    email = email.strip()
    now = timezone.now()
    if organisation.invitations.pending(now).filter(email__iexact=email).exists():
        raise ValidationError({"email": ALREADY_INVITED})
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    token = _new_token(invitation, now)
    invitation.full_clean()
    invitation.save()
    invitation.units.set(units)
    log_event("invitation_created", invitation=invitation.pk, organisation=organisation.pk)
    return invitation, token


@transaction.atomic
def invitation_renew(*, invitation):
    """A new link (the old one stops working) valid for another INVITATION_LIFETIME."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    if invitation.state(now) not in (Invitation.State.PENDING, Invitation.State.EXPIRED):
        raise ValidationError(NOT_PENDING)
    token = _new_token(invitation, now)
    invitation.save(update_fields=["token_digest", "expires_at"])
    return invitation, token


@transaction.atomic
def invitation_cancel(*, invitation):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError("คำเชิญนี้ตอบรับแล้ว จึงยกเลิกไม่ได้ หากต้องการ กรุณานำสมาชิกออกแทน")
    if not invitation.cancelled_at:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def invitation_send(*, invitation, token, base_url):
    """E-mail the link; False (and the invitation left pending) if the mail server refused."""
    link = base_url.rstrip("/") + reverse("measures:invitation", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "organisation": invitation.organisation}
    try:
        send_mail(
            f"คำเชิญเข้าร่วม {invitation.organisation.short_name} ใน ITA Portal",
            render_to_string("emails/invitation.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
        )
    except (smtplib.SMTPException, OSError) as error:
        log_event("invitation_not_sent", invitation=invitation.pk, error=type(error).__name__)
        return False
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    log_event("invitation_sent", invitation=invitation.pk)
    return True


def _claim(invitation):
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.state(timezone.now()) != Invitation.State.PENDING:
        raise ValidationError(NOT_PENDING)
    return locked


def _join(invitation, user):
    if invitation.organisation.memberships.filter(user=user).exists():
        raise ValidationError(ALREADY_MEMBER)
    membership = members.member_add(
        organisation=invitation.organisation,
        user=user,
        role=invitation.role,
        units=invitation.units.all(),
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_event("invitation_accepted", invitation=invitation.pk, user=user.pk)
    return membership


@transaction.atomic
def invitation_accept(*, invitation, user):
    """The signed-in owner of an existing account accepts: their membership, as invited."""
    return _join(_claim(invitation), user)


@transaction.atomic
def invitation_join(*, invitation, username, password, first_name="", last_name=""):
    """A new account for the invited address, member as invited. The caller has validated the
    username and the password (JoinForm)."""
    invitation = _claim(invitation)
    user = get_user_model()(
        username=username, email=invitation.email, first_name=first_name, last_name=last_name
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return _join(invitation, user)
