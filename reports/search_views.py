from django.shortcuts import render

from measures.search.matching import MAX_QUERY_LENGTH, QueryProblem

from .forms import PublicSearchForm
from .public_search import public_provinces, search_public


def search(request):
    """Public search: announced measures, approved progress of published rounds and published
    documents of every organisation, filtered by province and fiscal year."""
    form = PublicSearchForm(request.GET or None)
    context = {"form": form, "provinces": public_provinces(), "max_length": MAX_QUERY_LENGTH}
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
        try:
            context["results"] = search_public(
                query=filters["q"],
                province=filters["province"] or None,
                fiscal_year=filters["year"],
                page=request.GET.get("page"),
            )
        except QueryProblem as problem:
            context["problem"] = str(problem)
    elif form.is_bound:
        context["problem"] = " ".join(m for errors in form.errors.values() for m in errors)
    return render(request, "reports/search.html", context)
