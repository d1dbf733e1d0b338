"""Coordinators manage their organisation's units and who works in which role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import members
from .access import COORDINATOR, member_for, membership_of_organisation_for, unit_for
from .forms import InvitationForm, MemberForm, UnitForm
from .forms.people import parent_choices
from .history import people_history
from .view_helpers import add_service_errors


def _people_url(slug):
    return reverse("measures:people", kwargs={"slug": slug})


def people_page(request, membership, unit_form=None, member_form=None, status=200):
    org = membership.organisation
    return render(
        request,
        "measures/people.html",
        {
            "organisation": org,
            "units": org.units.select_related("parent").order_by("order", "name"),
            "parent_choices": list(parent_choices(org)),
            "members": org.memberships.select_related("user")
            .prefetch_related("units")
            .order_by("role", "user__username"),
            "unit_form": unit_form or UnitForm(organisation=org),
            "member_form": member_form or InvitationForm(organisation=org),
            "invitations": org.invitations.unanswered()
            .prefetch_related("units")
            .order_by("-created_at"),
            "now": timezone.now(),
            "history": people_history(org),
        },
        status=status,
    )


@login_required
def people(request, slug):
    return people_page(request, member_for(request.user, slug, [COORDINATOR]))


@login_required
@require_POST
def unit_add(request, slug):
    membership = member_for(request.user, slug, [COORDINATOR])
    form = UnitForm(request.POST, organisation=membership.organisation)
    if form.is_valid():
        members.unit_create(
            organisation=membership.organisation,
            name=form.cleaned_data["name"],
            parent=form.cleaned_data["parent"],
        )
        messages.success(request, f"เพิ่ม{form.cleaned_data['name']}แล้ว")
        return redirect(_people_url(slug))
    return people_page(request, membership, unit_form=form)


@login_required
@require_POST
def unit_edit(request, slug, pk):
    """Rename a unit; the page shows the name refused, with why, in its own form."""
    membership, unit = unit_for(request.user, slug, pk)
    form = UnitForm(request.POST, organisation=membership.organisation, unit=unit)
    if form.is_valid():
        old = unit.name
        try:
            members.unit_rename(
                unit=unit, name=form.cleaned_data["name"], parent=form.cleaned_data["parent"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            changed = f"เปลี่ยนชื่อ{old}เป็น{unit.name}" if old != unit.name else f"บันทึก{unit.name}"
            messages.success(request, f"{changed}แล้ว")
            return redirect(_people_url(slug) + "#units")
    errors = [e for field in ("name", "parent") for e in form.errors.get(field, [])]
    messages.error(request, "เปลี่ยนชื่อไม่สำเร็จ: " + " ".join(errors))
    return redirect(_people_url(slug) + "#units")


@login_required
@require_POST
def unit_retire(request, slug, pk):
    """Retire a unit (kept on its measures and documents, no longer offered), or restore it."""
    _membership, unit = unit_for(request.user, slug, pk)
    if request.POST.get("restore"):
        members.unit_restore(unit=unit)
        messages.success(request, f"นำ{unit.name}กลับมาใช้แล้ว")
    else:
        members.unit_retire(unit=unit)
        messages.success(
            request,
            f"เลิกใช้{unit.name}แล้ว มาตรการและเอกสารเดิมยังแสดงชื่อนี้ แต่จะไม่มีให้เลือกในมาตรการหรือสมาชิกใหม่",
        )
    return redirect(_people_url(slug) + "#units")


@login_required
def member_edit(request, slug, pk):
    _, member = membership_of_organisation_for(request.user, slug, pk)
    org = member.organisation
    form = MemberForm(
        request.POST or None,
        organisation=org,
        initial={"role": member.role, "units": list(member.units.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            members.member_update(
                membership=member, role=form.cleaned_data["role"], units=form.cleaned_data["units"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"บันทึกบทบาทของ {member.user.username} แล้ว")
            return redirect(_people_url(slug))
    return render(
        request, "measures/member_form.html", {"form": form, "member": member, "organisation": org}
    )


@login_required
@require_POST
def member_remove(request, slug, pk):
    _, member = membership_of_organisation_for(request.user, slug, pk)
    try:
        members.member_remove(membership=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"นำ {member.user.username} ออกจากหน่วยงานแล้ว")
    return redirect(_people_url(slug))
