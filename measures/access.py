"""Who may see what: every view fetches objects through these helpers."""

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
