"""Invitations: coordinators invite, send again and cancel; the invited join by the link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import invitations
from .access import COORDINATOR, invitation_for, member_for
from .forms import InvitationForm, JoinForm
from .models import Invitation
from .people_views import people_page
from .view_helpers import add_service_errors

NOT_SENT = "แต่ส่งอีเมลไม่สำเร็จ (ระบบอีเมลขัดข้อง) กรุณากด “ส่งอีกครั้ง” ภายหลัง"


def _invitations_url(slug):
    return reverse("measures:people", kwargs={"slug": slug}) + "#invitations"


def _base_url(request):
    return request.build_absolute_uri("/")


@login_required
@require_POST
def invitation_add(request, slug):
    membership = member_for(request.user, slug, [COORDINATOR])
    form = InvitationForm(request.POST, organisation=membership.organisation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation, token = invitations.invitation_create(
                organisation=membership.organisation,
                email=data["email"],
                role=data["role"],
                units=data["units"],
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            sent = invitations.invitation_send(
                invitation=invitation, token=token, base_url=_base_url(request)
            )
            if sent:
                messages.success(request, f"ส่งคำเชิญไปที่ {invitation.email} แล้ว")
            else:
                messages.warning(request, f"บันทึกคำเชิญถึง {invitation.email} แล้ว {NOT_SENT}")
            return redirect(_invitations_url(slug))
    return people_page(request, membership, member_form=form)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    _, invitation = invitation_for(request.user, slug, pk)
    try:
        invitation, token = invitations.invitation_renew(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_invitations_url(slug))
    if invitations.invitation_send(invitation=invitation, token=token, base_url=_base_url(request)):
        messages.success(request, f"ส่งลิงก์ใหม่ไปที่ {invitation.email} แล้ว ลิงก์เดิมใช้ไม่ได้อีก")
    else:
        messages.warning(request, f"สร้างลิงก์ใหม่ถึง {invitation.email} แล้ว {NOT_SENT}")
    return redirect(_invitations_url(slug))


@login_required
@require_POST
def invitation_cancel(request, slug, pk):
    _, invitation = invitation_for(request.user, slug, pk)
    try:
        invitations.invitation_cancel(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"ยกเลิกคำเชิญถึง {invitation.email} แล้ว ลิงก์ใช้ไม่ได้อีก")
    return redirect(_invitations_url(slug))


def invitation(request, token):
    """The link of an invitation e-mail: join with a new account, or accept as the signed-in
    owner of an existing one. A link that no longer works says why, never a 500."""
    invitation = invitations.invitation_for_token(token)
    state = invitation.state(timezone.now()) if invitation else None
    if state != Invitation.State.PENDING:
        return render(
            request,
            "measures/invitation_unusable.html",
            {"state": state},
            status=404 if invitation is None else 410,
        )
    if request.user.is_authenticated:
        return _accept(request, invitation)
    return _join(request, invitation)


def _accept(request, invitation):
    member = invitation.organisation.memberships.filter(user=request.user).exists()
    if request.method == "POST" and not member:
        try:
            invitations.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"ท่านเข้าร่วม {invitation.organisation.short_name} แล้ว")
            return redirect("measures:my-work")
    return render(
        request, "measures/invitation_accept.html", {"invitation": invitation, "member": member}
    )


def _join(request, invitation):
    form = JoinForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = invitations.invitation_join(
                invitation=invitation,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                f"สร้างบัญชี {membership.user.username} และเข้าร่วม "
                f"{invitation.organisation.short_name} แล้ว",
            )
            return redirect("measures:my-work")
    return render(
        request, "measures/invitation_join.html", {"invitation": invitation, "form": form}
    )
