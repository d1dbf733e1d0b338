"""Search over what is public, across organisations (the public side of measures/search)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.urls import reverse

from measures.models import Organisation, SearchDocument
from measures.search.indexing import search_plans_documents_reindex
from measures.search.matching import best_first, query_words
from measures.search.passages import passage

from .models import Publication
from .public_data import public_search_documents

PER_PAGE = 20
# Matches ranked for one search (see best_first): 25 pages, and a word found in every measure
# in the country is ranked 500 times rather than 120,000.
CANDIDATES = 500

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


@dataclass
class PublicResults:
    words: list
    page: object  # a Paginator page of PublicHit
    capped: bool  # more matched than CANDIDATES: only the first found were ranked
    candidates: int


def search_public(*, query, province=None, fiscal_year=None, page=1):
    """PublicResults for the query; QueryProblem for an empty or too long one.
    The public's words are cut with the base dictionary alone (no one organisation's names):
    the index also holds the base-dictionary words of every name it added. Only the page's
    rows are read whole and given a passage."""
    words = query_words(query)
    documents = public_search_documents()
    if province:
        documents = documents.filter(province=province)
    if fiscal_year:
        documents = documents.filter(fiscal_year=fiscal_year)
    rows, capped = best_first(documents, words, limit=CANDIDATES)
    found = Paginator([pk for (pk,) in rows], PER_PAGE).get_page(page)
    ids = found.object_list
    shown = SearchDocument.objects.select_related("organisation").in_bulk(ids)
    found.object_list = [PublicHit(shown[pk], passage(shown[pk].body, words)) for pk in ids]
    return PublicResults(words=words, page=found, capped=capped, candidates=CANDIDATES)


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
        .defer("data")
        .order_by("revision")
    ):
        latest[publication.plan_id, publication.kind] = publication
    return search_plans_documents_reindex(
        documents=[(p.plan, p.kind, p.title) for p in latest.values()]
    )
