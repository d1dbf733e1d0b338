"""Search for members: what the member may see of their organisation, ranked and grouped by
measure, a page of groups at a time, each hit shown with its passage."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from ..access import measures_for_membership
from ..models import SearchDocument
from .indexing import segmenter_for
from .matching import best_first, query_words
from .passages import passage

MAX_HITS = 200  # matches ranked for one query (see best_first)
GROUPS_PER_PAGE = 10
HITS_PER_GROUP = 3  # the measure's page lists the rest

Kind = SearchDocument.Kind


@dataclass
class Hit:
    kind: str
    passage: str
    entry: object = None


@dataclass
class Group:
    """The hits of one measure (or, with no measure, of the organisation's units): ``ids``
    all of them best first, ``hits`` those shown."""

    measure_id: int
    ids: list = field(default_factory=list)
    measure: object = None
    hits: list = field(default_factory=list)

    @property
    def more(self):
        return len(self.ids) - len(self.hits)


@dataclass
class Results:
    words: list
    page: object  # a Paginator page of Group
    count: int
    capped: bool  # more than MAX_HITS matched: only the first found were ranked
    max_hits: int

    @property
    def groups(self):
        return self.page.object_list


def visible_documents(membership):
    """Index rows of the member's organisation they may see: staff only their units' measures
    (and their entries), the organisation's units to all; published documents are for the
    public search."""
    documents = SearchDocument.objects.filter(organisation=membership.organisation).exclude(
        kind=Kind.DOCUMENT
    )
    if membership.sees_all_measures:
        return documents
    visible = measures_for_membership(membership).values("pk")
    return documents.filter(measure__isnull=True) | documents.filter(measure__in=visible)


def grouped(rows):
    """Groups of (id, measure id) rows, best ranked first: a group ranks as its best hit."""
    groups = {}
    for pk, measure_id in rows:
        groups.setdefault(measure_id, Group(measure_id=measure_id)).ids.append(pk)
    return list(groups.values())


def _show(groups, words):
    """Read the shown hits of these groups (one query) and give each its passage."""
    shown = [pk for group in groups for pk in group.ids[:HITS_PER_GROUP]]
    rows = SearchDocument.objects.select_related("measure__plan", "entry").in_bulk(shown)
    for group in groups:
        for pk in group.ids[:HITS_PER_GROUP]:
            row = rows[pk]
            group.measure = row.measure
            group.hits.append(Hit(kind=row.kind, passage=passage(row.body, words), entry=row.entry))


def search_member(*, membership, query, page=1):
    """Results for the query within what the membership (from access.membership_for) may see;
    QueryProblem (a Thai message) for an empty or too long one."""
    words = query_words(query, segmenter_for(membership.organisation))
    rows, capped = best_first(
        visible_documents(membership), words, limit=MAX_HITS, fields=("measure_id",)
    )
    found = Paginator(grouped(rows), GROUPS_PER_PAGE).get_page(page)
    _show(found.object_list, words)
    return Results(words=words, page=found, count=len(rows), capped=capped, max_hits=MAX_HITS)
