import logging
import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from measures.models import Organisation

from .itas import assessment_years
from .models import ANALYSIS, Publication, PublicationUnavailable
from .public_data import public_plans_with_content

logger = logging.getLogger(__name__)


def home(request):
    organisations = Organisation.objects.order_by("province", "name_th")
    return render(request, "reports/home.html", {"organisations": organisations})


def organisation(request, slug):
    """The public page of an organisation: its announced plans, their measures and documents."""
    org = get_object_or_404(Organisation, slug=slug)
    plans = public_plans_with_content(org)
    return render(
        request,
        "reports/organisation.html",
        {"organisation": org, "plans": plans, "itas_years": assessment_years()},
    )


def organisation_emblem(request, slug):
    """The emblem is public: it is printed on every announcement."""
    org = get_object_or_404(Organisation, slug=slug)
    if not org.emblem:
        raise Http404("ไม่มีตราสัญลักษณ์")
    content_type = mimetypes.guess_type(org.emblem.name)[0] or "application/octet-stream"
    return FileResponse(org.emblem.open("rb"), content_type=content_type)


# --- published documents (public) --------------------------------------------------------------


def _publications(slug, year, kind):
    return Publication.objects.filter(
        plan__organisation__slug=slug, plan__fiscal_year=year, kind=kind
    ).select_related("plan__organisation")


def _pdf_response(request, publication, *, immutable):
    """The stored file, as published: never a re-render, and never bytes that differ from what
    was published (a damaged or replaced file answers 503 and is logged). With X_ACCEL, nginx
    sends the verified file (deploy/nginx/itaportal.conf's internal location), except where
    nginx keeps the answer for a second (X-Proxy-Cache): there it must hold the bytes."""
    x_accel = settings.X_ACCEL and not request.headers.get("X-Proxy-Cache")
    try:
        path = publication.verified_path() if x_accel else None
        data = None if path else publication.verified_bytes()
    except PublicationUnavailable as exc:
        logger.error("publication %s not served: %s", publication.pk, exc)
        return render(
            request,
            "reports/publication_unavailable.html",
            {"publication": publication},
            status=503,
        )
    if path:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = settings.X_ACCEL_MEDIA_URL + quote(publication.file.name)
    else:
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Length"] = str(publication.size)
    ascii_name = (
        f"ita-{publication.kind}-{publication.plan.fiscal_year}-r{publication.revision}.pdf"
    )
    response["Content-Disposition"] = (
        f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(publication.filename)}"
    )
    response["ETag"] = f'"{publication.sha256}"'
    # A revision's URL always serves the same bytes; the stable URL moves on republishing.
    response["Cache-Control"] = "public, max-age=31536000, immutable" if immutable else "no-cache"
    return response


def publication_pdf(request, slug, year, kind):
    """The stable link an organisation types into the NACC system: the latest revision."""
    publication = _publications(slug, year, kind).order_by("-revision").first()
    if publication is None:
        raise Http404("ยังไม่มีเอกสารที่เผยแพร่")
    return _pdf_response(request, publication, immutable=False)


def publication_revision_pdf(request, slug, year, kind, revision):
    publication = get_object_or_404(_publications(slug, year, kind), revision=revision)
    return _pdf_response(request, publication, immutable=True)


def _publication_page(request, publication, latest):
    organisation = publication.plan.organisation
    emblem_url = (
        reverse(
            "reports:publication-emblem",
            args=[
                organisation.slug,
                publication.plan.fiscal_year,
                publication.kind,
                publication.revision,
            ],
        )
        if publication.emblem
        else ""
    )
    template = "analysis.html" if publication.kind == ANALYSIS else "report.html"
    return render(
        request,
        f"reports/documents/{template}",
        {
            "doc": publication.data,
            "publication": publication,
            "latest": latest,
            "organisation": organisation,
            "emblem_url": emblem_url,
            "size_kb": max(1, round(publication.size / 1024)),
        },
    )


def publication_emblem(request, slug, year, kind, revision):
    """The emblem as printed in this revision (its copy, kept with the publication)."""
    publication = get_object_or_404(_publications(slug, year, kind), revision=revision)
    if not publication.emblem:
        raise Http404("เอกสารฉบับนี้ไม่มีตราสัญลักษณ์")
    content_type = mimetypes.guess_type(publication.emblem.name)[0] or "application/octet-stream"
    response = FileResponse(publication.emblem.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def publication(request, slug, year, kind):
    """The latest published revision as a web page, made from its stored data."""
    latest = _publications(slug, year, kind).order_by("-revision").first()
    if latest is None:
        raise Http404("ยังไม่มีเอกสารที่เผยแพร่")
    return _publication_page(request, latest, latest)


def publication_revision(request, slug, year, kind, revision):
    publications = _publications(slug, year, kind)
    publication = get_object_or_404(publications, revision=revision)
    return _publication_page(request, publication, publications.order_by("-revision").first())
