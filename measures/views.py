from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from itaportal import thai

from .access import measures_for_membership, memberships_of
from .models import MeasurePlan, ProgressEntry


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
    return render(request, "measures/my_work.html", {"sections": sections})


def _chosen_year(raw, years):
    """The year asked for in the URL if the organisation has a plan for it, else the latest."""
    try:
        year = int(thai.to_arabic_digits(raw or ""))
    except ValueError:
        year = None
    return year if year in years else (years[0] if years else None)
