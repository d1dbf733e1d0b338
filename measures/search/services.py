"""Search for members: what the member may see of their organisation, ranked and grouped by
measure, each hit with its passage."""

from dataclasses import dataclass, field

from ..access import measures_for_membership, membership_for
from ..models import SearchDocument
from .indexing import segmenter_for
from .matching import matching, query_words
from .passages import passage

MAX_HITS = 200  # rows read for one query; the best of them make the page

Kind = SearchDocument.Kind


@dataclass
class Hit:
    kind: str
    passage: str
    entry: object = None


@dataclass
class Group:
    """The hits of one measure (or, with no measure, of the organisation's units)."""

    measure: object
    rank: float
    hits: list = field(default_factory=list)


@dataclass
class Results:
    words: list
    groups: list

    @property
    def count(self):
        return sum(len(g.hits) for g in self.groups)


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


def grouped(rows, words):
    groups = {}
    for row in rows:
        group = groups.setdefault(row.measure_id, Group(measure=row.measure, rank=row.rank))
        group.hits.append(Hit(kind=row.kind, passage=passage(row.body, words), entry=row.entry))
    return sorted(groups.values(), key=lambda g: -g.rank)


def search_member(*, user, organisation, query):
    """Results for the query; QueryProblem (a Thai message) for an empty or too long one."""
    membership = membership_for(user, organisation.slug)
    words = query_words(query, segmenter_for(organisation))
    rows = (
        matching(visible_documents(membership), words)
        .select_related("measure__plan", "entry")
        .order_by("-rank", "pk")[:MAX_HITS]
    )
    return Results(words=words, groups=grouped(rows, words))
