"""Who may see what: every view fetches objects through these helpers.

Rules (per organisation, see issue 3):
- anyone who is not a member of the organisation gets 404 for all of it, whatever id they try;
- every member (staff, coordinator, executive) may see the organisation's plans, measures,
  entries and evidence; evidence removed from an entry only coordinators (the audit trail);
- coordinators change plans and measures, and entries on every measure;
- staff change entries only on measures their units are responsible for;
- executives review (approve or return) submitted entries.
A member asking for a change their role does not allow gets 403: they already know the object.
Site administrators manage organisations, users and the catalog in /admin/; on the pages of
an organisation they are not a member of they are observers: they see what an executive sees
and change nothing (403), so they can look at what a user reports without an account there.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    EvidenceFile,
    Invitation,
    ItaResult,
    Measure,
    MeasurePlan,
    Membership,
    Organisation,
    ProgressEntry,
    Unit,
)

NOT_FOUND = "ไม่พบหน้าที่ต้องการ"
COORDINATOR = Membership.Role.COORDINATOR
EXECUTIVE = Membership.Role.EXECUTIVE
STAFF = Membership.Role.STAFF


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("units")
    )


def measures_for_membership(membership):
    """The measures a member works on: all of the organisation's for coordinators and
    executives, those of their own units for staff."""
    measures = Measure.objects.filter(plan__organisation=membership.organisation)
    if membership.sees_all_measures:
        return measures
    return measures.for_units(membership.units.all())


def membership_for(user, slug):
    """The user's membership of the organisation with this slug.

    Raises Http404 otherwise, so a person of another organisation learns nothing, not even
    whether the organisation or object exists."""
    membership = memberships_of(user).filter(organisation__slug=slug).first()
    if membership is None and user.is_superuser and user.is_active:
        return observer_of(user, get_object_or_404(Organisation, slug=slug))
    if membership is None:
        raise Http404(NOT_FOUND)
    return membership


def observer_of(user, organisation):
    """A site administrator's stand-in membership on an organisation they do not belong to:
    never saved (the role is outside the table's constraint), holding no unit, and no role a
    change requires."""
    return Membership(user=user, organisation=organisation, role=Membership.OBSERVER)


def member_for(user, slug, roles=None):
    """Like membership_for, but a member whose role lacks the right gets 403, not 404.
    Object helpers look the object up first, so an id of another organisation stays 404."""
    membership = membership_for(user, slug)
    if roles is not None:
        _require_role(membership, roles)
    return membership


def _require_role(membership, roles):
    if membership.role not in roles:
        raise PermissionDenied("บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้")


def may_change_entries_of(membership, measure):
    """Coordinators work on every measure; staff on those of their own units."""
    if membership.role == COORDINATOR:
        return True
    if membership.role != STAFF:
        return False
    return measure.all_units or measure.units.filter(pk__in=membership.units.values("pk")).exists()


def plan_for(user, slug, fiscal_year, *, for_change=False):
    """(membership, plan) of the organisation's plan for a fiscal year."""
    membership = membership_for(user, slug)
    plan = get_object_or_404(
        MeasurePlan.objects.select_related("organisation", "framework"),
        organisation=membership.organisation,
        fiscal_year=fiscal_year,
    )
    if for_change:
        _require_role(membership, [COORDINATOR])
    return membership, plan


def measure_for(user, slug, pk, *, for_change=False):
    """(membership, measure); for_change: only coordinators edit, reorder or delete measures."""
    membership = membership_for(user, slug)
    measure = get_object_or_404(
        Measure.objects.select_related("plan__organisation", "plan__framework", "theme"),
        plan__organisation=membership.organisation,
        pk=pk,
    )
    if for_change:
        _require_role(membership, [COORDINATOR])
    return membership, measure


def measure_for_entries(user, slug, pk):
    """(membership, measure) for adding progress: coordinators, or staff of its units."""
    membership, measure = measure_for(user, slug, pk)
    if not may_change_entries_of(membership, measure):
        raise PermissionDenied("มาตรการนี้ไม่ได้อยู่ในความรับผิดชอบของสำนัก/กองของท่าน")
    return membership, measure


def entry_for(user, slug, pk, *, for_change=False, for_review=False):
    """(membership, entry). for_change: coordinators and staff of the measure's units;
    for_review: executives."""
    membership = membership_for(user, slug)
    entry = get_object_or_404(
        ProgressEntry.objects.select_related("measure__plan__organisation", "author"),
        measure__plan__organisation=membership.organisation,
        pk=pk,
    )
    if for_review:
        _require_role(membership, [EXECUTIVE])
    if for_change and not may_change_entries_of(membership, entry.measure):
        raise PermissionDenied("ผลการดำเนินการนี้ไม่ได้อยู่ในความรับผิดชอบของสำนัก/กองของท่าน")
    return membership, entry


def evidence_file_for(user, slug, pk, *, for_change=False):
    """(membership, evidence file): who may see the entry may download its files. A file
    removed from its entry is kept for the audit trail, which only coordinators open: to
    everyone else it is gone (404), as it is from the entry."""
    membership = membership_for(user, slug)
    evidence = get_object_or_404(
        EvidenceFile.with_removed.select_related("entry__measure__plan"),
        entry__measure__plan__organisation=membership.organisation,
        pk=pk,
    )
    if evidence.is_removed and membership.role != COORDINATOR:
        raise Http404(NOT_FOUND)
    if for_change and not may_change_entries_of(membership, evidence.entry.measure):
        raise PermissionDenied("ไฟล์นี้ไม่ได้อยู่ในความรับผิดชอบของสำนัก/กองของท่าน")
    return membership, evidence


def unit_for(user, slug, pk):
    """(the coordinator's membership, the unit with this pk of the same organisation)."""
    membership = membership_for(user, slug)
    unit = get_object_or_404(Unit, organisation=membership.organisation, pk=pk)
    _require_role(membership, [COORDINATOR])
    return membership, unit


def membership_of_organisation_for(user, slug, pk):
    """(the coordinator's membership, the membership with this pk in the same organisation)."""
    membership = membership_for(user, slug)
    member = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        organisation=membership.organisation,
        pk=pk,
    )
    _require_role(membership, [COORDINATOR])
    return membership, member


def ita_result_for(user, slug, fiscal_year, *, for_change=False):
    """(membership, the organisation's ITA result of that assessment year or None).
    Coordinators enter results; coordinators and executives read their analysis."""
    membership = membership_for(user, slug)
    if not 2500 <= fiscal_year <= 2700:
        raise Http404(NOT_FOUND)
    _require_role(membership, [COORDINATOR] if for_change else [COORDINATOR, EXECUTIVE])
    result = ItaResult.objects.filter(
        organisation=membership.organisation, fiscal_year=fiscal_year
    ).first()
    return membership, result


def invitation_for(user, slug, pk):
    """(the coordinator's membership, the invitation with this pk into the same organisation)."""
    membership = membership_for(user, slug)
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        organisation=membership.organisation,
        pk=pk,
    )
    _require_role(membership, [COORDINATOR])
    return membership, invitation
