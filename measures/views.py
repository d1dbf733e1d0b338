from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from itaportal import thai

from .access import NOT_FOUND, measures_for_membership, memberships_of
from .models import MeasurePlan, Organisation, ProgressEntry

ORGANISATIONS_PER_PAGE = 30


@login_required
def my_work(request):
    """งานของฉัน: for each organisation of the user, the measures of the chosen (or latest)
    fiscal year that their units carry, each with its latest recorded status."""
    sections = []
    for membership in memberships_of(request.user):
        org = membership.organisation
        years = list(
            MeasurePlan.objects.filter(organisation=org)
            .order_by("-fiscal_year")
            .values_list("fiscal_year", flat=True)
        )
        year = _chosen_year(request.GET.get("year"), years)
        measures = (
            measures_for_membership(membership)
            .filter(plan__fiscal_year=year)
            .in_force()
            .with_latest_entry()
            .prefetch_related("units")
            .order_by("order", "number")
        )
        mine = ProgressEntry.objects.filter(
            measure__in=measures_for_membership(membership)
        ).select_related("measure", "reviewed_by")
        sections.append(
            {
                "membership": membership,
                "years": years,
                "year": year,
                "measures": measures,
                # Sent back for a fix: first on the page, with what the executive asked for.
                "returned": mine.filter(review_state=ProgressEntry.Review.RETURNED).order_by(
                    "-reviewed_at", "-pk"
                ),
                "waiting": mine.filter(
                    review_state=ProgressEntry.Review.SUBMITTED, author=request.user
                ).order_by("-updated_at", "-pk"),
            }
        )
    return render(
        request,
        "measures/my_work.html",
        {"sections": sections, "may_pick_organisation": request.user.is_superuser},
    )


@login_required
def organisation_pick(request):
    """A site administrator finds an organisation (by name, district or province) and opens
    its pages as an observer. Not there for anyone else."""
    if not request.user.is_superuser:
        raise Http404(NOT_FOUND)
    query = " ".join(request.GET.get("q", "").split())[:100]
    organisations = Organisation.objects.order_by("province", "name_th")
    for word in query.split():
        organisations = organisations.filter(
            Q(name_th__icontains=word)
            | Q(short_name__icontains=word)
            | Q(district__icontains=word)
            | Q(province__icontains=word)
            | Q(slug__icontains=word)
        )
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "measures/organisation_pick.html", {"query": query, "page": page})


def _chosen_year(raw, years):
    """The year asked for in the URL if the organisation has a plan for it, else the latest."""
    year = thai.read_whole_number(raw)
    return year if year in years else (years[0] if years else None)
