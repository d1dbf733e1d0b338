import mimetypes

from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from measures.models import Measure, MeasurePlan, Organisation


def home(request):
    organisations = Organisation.objects.order_by("province", "name_th")
    return render(request, "reports/home.html", {"organisations": organisations})


def organisation(request, slug):
    """The public page of an organisation: its announced plans and their measures."""
    org = get_object_or_404(Organisation, slug=slug)
    plans = (
        MeasurePlan.objects.filter(organisation=org, announced_on__isnull=False)
        .order_by("-fiscal_year")
        .annotate(measure_count=Count("measures"))
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.order_by("order", "number").prefetch_related("units"),
            )
        )
    )
    return render(request, "reports/organisation.html", {"organisation": org, "plans": plans})


def organisation_emblem(request, slug):
    """The emblem is public: it is printed on every announcement."""
    org = get_object_or_404(Organisation, slug=slug)
    if not org.emblem:
        raise Http404("ไม่มีตราสัญลักษณ์")
    content_type = mimetypes.guess_type(org.emblem.name)[0] or "application/octet-stream"
    return FileResponse(org.emblem.open("rb"), content_type=content_type)
