"""Who may see what: every view fetches objects through these helpers."""

from django.http import Http404

from .models import Measure, Membership


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


def membership_for(user, slug, roles=None):
    """The user's membership of the organisation with this slug, optionally limited to roles.

    Raises Http404 otherwise, so a person of another organisation learns nothing, not even
    whether the organisation or object exists."""
    membership = memberships_of(user).filter(organisation__slug=slug).first()
    if membership is None or (roles is not None and membership.role not in roles):
        raise Http404("ไม่พบหน้าที่ต้องการ")
    return membership
