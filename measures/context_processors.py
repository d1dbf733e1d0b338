"""The navbar's links by role: every signed-in page shows the way to the member's work."""

from django.utils.functional import SimpleLazyObject

from .access import observer_of
from .models import Membership, Organisation, ProgressEntry


def navigation(request):
    # Lazy: only a page that renders the navbar pays its two queries.
    return {"nav": SimpleLazyObject(lambda: _navigation(request))}


def _navigation(request):
    """The organisation the page is about (or the member's first), the member's role there
    and, for executives, how many entries wait for their decision. None for non-members;
    a site administrator on an organisation's page observes it (access.observer_of)."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name_th")
    )
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    current = next((m for m in memberships if m.organisation.slug == slug), None)
    if current is None and slug and user.is_superuser:
        organisation = Organisation.objects.filter(slug=slug).first()
        current = organisation and observer_of(user, organisation)
    current = current or (memberships[0] if memberships else None)
    if current is None:
        return None
    role = current.role
    waiting = None
    if role == Membership.Role.EXECUTIVE:
        waiting = ProgressEntry.objects.filter(
            measure__plan__organisation=current.organisation,
            review_state=ProgressEntry.Review.SUBMITTED,
        ).count()
    return {
        "organisation": current.organisation,
        "others": [m.organisation for m in memberships if m is not current],
        "is_observer": current.is_observer,
        "is_coordinator": role == Membership.Role.COORDINATOR,
        "is_executive": role == Membership.Role.EXECUTIVE,
        "waiting": waiting,
    }
