"""Search over what is public, across organisations (the public side of measures/search)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.urls import reverse

from measures.models import Organisation, SearchDocument
from measures.search.indexing import search_document_index
from measures.search.matching import matching, query_words
from measures.search.passages import passage

from .models import Publication
from .public_data import public_search_documents

PER_PAGE = 20
MAX_RESULTS = 1000  # pages beyond this are not counted: refine the words instead

Kind = SearchDocument.Kind


@dataclass
class PublicHit:
    document: SearchDocument
    passage: str

    @property
    def url(self):
        document = self.document
        slug = document.organisation.slug
        if document.kind == Kind.DOCUMENT:
            return reverse(
                "reports:publication",
                kwargs={"slug": slug, "year": document.fiscal_year, "kind": document.document_kind},
            )
        return reverse("reports:organisation", kwargs={"slug": slug})


def search_public(*, query, province=None, fiscal_year=None, page=1):
    """(words, page of PublicHit) for the query; QueryProblem for an empty or too long one.
    The public's words are cut with the base dictionary alone (no one organisation's names):
    the index also holds the base-dictionary words of every name it added."""
    words = query_words(query)
    documents = public_search_documents()
    if province:
        documents = documents.filter(province=province)
    if fiscal_year:
        documents = documents.filter(fiscal_year=fiscal_year)
    rows = (
        matching(documents, words)
        .select_related("organisation")
        .order_by("-rank", "pk")[:MAX_RESULTS]
    )
    found = Paginator(rows, PER_PAGE).get_page(page)
    found.object_list = [PublicHit(row, passage(row.body, words)) for row in found.object_list]
    return words, found


def public_provinces():
    return list(
        Organisation.objects.order_by("province").values_list("province", flat=True).distinct()
    )


def search_documents_reindex(*, organisations):
    """Index rows of the latest revision of each published document of these organisations."""
    latest = {}
    for publication in (
        Publication.objects.filter(plan__organisation__in=organisations)
        .select_related("plan__organisation")
        .order_by("revision")
    ):
        latest[publication.plan_id, publication.kind] = publication
    for publication in latest.values():
        search_document_index(
            plan=publication.plan, document_kind=publication.kind, title=publication.title
        )
    return len(latest)
