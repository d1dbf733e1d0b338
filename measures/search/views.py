from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..access import membership_for
from .matching import MAX_QUERY_LENGTH, QueryProblem
from .services import search_member


@login_required
def search(request, slug):
    """What the member may see of their organisation that holds the words asked for."""
    membership = membership_for(request.user, slug)
    query = request.GET.get("q", "")
    context = {
        "organisation": membership.organisation,
        "query": query,
        "max_length": MAX_QUERY_LENGTH,
    }
    if "q" in request.GET:
        try:
            context["results"] = search_member(
                membership=membership,
                query=query,
                page=request.GET.get("page"),
            )
        except QueryProblem as problem:
            context["problem"] = str(problem)
    return render(request, "measures/search.html", context)
