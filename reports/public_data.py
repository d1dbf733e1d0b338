"""What the public may see, in one place: the public pages, the open-data API and the ITAS
answer sheet all read it from here.

A plan is public once announced or once one of its documents is published; its measures in
force are public with it. Progress is public only as a published report shows it: approved
entries of a round whose report was published (the 12-month report covers the whole year).
"""

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, When

from itaportal import thai
from measures.models import Measure, MeasurePlan, ProgressEntry, SearchDocument

from .models import KIND_CHOICES, ROUND_MONTHS, Publication


def public_plans(organisation):
    published = Publication.objects.filter(plan__organisation=organisation).values("plan")
    return MeasurePlan.objects.filter(organisation=organisation).filter(
        Q(announced_on__isnull=False) | Q(pk__in=published)
    )


def public_measures(plan):
    """The measures in force of a public plan, in the order its documents print them."""
    return plan.measures.in_force().order_by("order", "number")


def kind_order():
    """Documents in their order: the measures, then the 6-month, then the 12-month report."""
    return Case(*(When(kind=kind, then=n) for n, (kind, _) in enumerate(KIND_CHOICES)))


def publications_in_document_order():
    """Publications by kind in their document order, newest revision first."""
    return Publication.objects.order_by(kind_order(), "-revision")


def public_plans_with_content(organisation):
    """Public plans, newest first, with their measures and documents (the organisation page)."""
    return (
        public_plans(organisation)
        .order_by("-fiscal_year")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.in_force()
                .order_by("order", "number")
                .prefetch_related("units"),
            ),
            Prefetch(
                "publications",
                queryset=publications_in_document_order(),
                to_attr="all_publications",
            ),
        )
    )


def published_round_months(plan):
    """The rounds (6, 12) of a plan whose progress report is published."""
    kinds = set(plan.publications.filter(kind__in=ROUND_MONTHS).values_list("kind", flat=True))
    return sorted(ROUND_MONTHS[kind] for kind in kinds)


def public_entries(plan):
    """Approved entries on measures in force, dated within a round whose report is published."""
    months = published_round_months(plan)
    if not months:
        return ProgressEntry.objects.none()
    # The 12-month round contains the 6-month one: the widest published round decides.
    first, last = thai.round_range(plan.fiscal_year, max(months))
    return ProgressEntry.objects.filter(
        measure__plan=plan,
        measure__withdrawn_at__isnull=True,
        review_state=ProgressEntry.Review.APPROVED,
        done_on__range=(first, last),
    )


def public_search_documents():
    """The search index rows the public may find, across organisations, by the rules above:
    measures in force of public plans, approved entries of a round whose report is published
    (an entry of the first half is in both rounds), and published documents."""
    Kind = SearchDocument.Kind
    published = Publication.objects.filter(plan=OuterRef("plan"))
    plan_public = Q(plan__announced_on__isnull=False) | Exists(published)
    in_published_round = Exists(published.filter(kind="progress-12")) | (
        Q(round_months=thai.ROUND_6) & Exists(published.filter(kind="progress-6"))
    )
    return SearchDocument.objects.filter(
        (Q(kind=Kind.MEASURE, in_force=True) & plan_public)
        | (Q(kind=Kind.ENTRY, in_force=True, approved=True) & in_published_round)
        | Q(kind=Kind.DOCUMENT)
    )
