"""Full-text matching over the index, the same call on both databases: PostgreSQL matches
``to_tsvector('simple', segmented)`` (the GIN index's expression, so the index serves it) against
the words; SQLite the FTS5 table the migration keeps in step. The words come from the
Segmenter, and reach the database as parameters only."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Func
from django.db.models.expressions import RawSQL

from ..models import SearchDocument
from .words import Segmenter

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12


class QueryProblem(ValueError):
    """A query that cannot be searched; ``str(e)`` is a Thai sentence for the user."""


class _SimpleVector(Func):
    # Written as the index is: to_tsvector('simple'::regconfig, segmented), no COALESCE.
    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def query_words(query, segmenter=None):
    """The words to look for, or QueryProblem for an empty, too long or wordless query."""
    query = (query or "").strip()
    if not query:
        raise QueryProblem("กรุณาพิมพ์คำที่ต้องการค้นหา")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryProblem(f"คำค้นยาวเกินไป กรุณาพิมพ์ไม่เกิน {MAX_QUERY_LENGTH} ตัวอักษร")
    words = list(dict.fromkeys((segmenter or Segmenter()).words(query)))
    if not words:
        raise QueryProblem("ไม่พบคำที่ค้นหาได้ในข้อความนี้ กรุณาพิมพ์คำที่เป็นตัวอักษรหรือตัวเลข")
    return words[:MAX_WORDS]


def matched(documents, words):
    """``documents`` that contain every word, not ranked: the cheap half of a search."""
    if connection.vendor == "postgresql":
        return documents.alias(vector=_SimpleVector(F("segmented"))).filter(vector=_query(words))
    # Constant SQL; the words go in as the one parameter.
    return documents.filter(pk__in=RawSQL(_FTS_IDS, [_fts_match(words)]))  # noqa: S611


def ranked(documents, words):
    """``documents`` (all of them holding the words) annotated ``rank``: ts_rank or bm25,
    computed for each row, so rank a capped set (``best_first``) rather than every match."""
    if connection.vendor == "postgresql":
        return documents.annotate(rank=SearchRank(_SimpleVector(F("segmented")), _query(words)))
    # Constant SQL; the words go in as the one parameter.
    rank = RawSQL(_FTS_RANK, [_fts_match(words)], output_field=FloatField())  # noqa: S611
    return documents.annotate(rank=rank)


def best_first(documents, words, *, limit, fields=()):
    """([(id, *fields) of at most ``limit`` matching documents, best ranked first], whether
    more matched).

    Only the first ``limit`` + 1 matches the database finds are ranked (in its own order, for
    PostgreSQL the order of the rows in the table): ranking is the costly part, and a word found
    in a hundred thousand rows would otherwise be ranked a hundred thousand times. Below the cap
    this is the full ranking; above it the caller says so and asks for narrower words."""
    candidates = matched(documents, words).order_by().values("pk")[: limit + 1]
    rows = list(
        ranked(SearchDocument.objects.filter(pk__in=candidates), words)
        .order_by("-rank", "pk")
        .values_list("pk", *fields)
    )
    return rows[:limit], len(rows) > limit


def _query(words):
    return SearchQuery(" ".join(words), config="simple", search_type="plain")


# FTS5: each word a quoted string ("" inside doubles), so * NEAR AND " mean nothing here.
def _fts_match(words):
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


_FTS_IDS = (
    "SELECT rowid FROM measures_searchdocument_fts WHERE measures_searchdocument_fts MATCH %s"
)
_FTS_RANK = (
    "SELECT -bm25(measures_searchdocument_fts) FROM measures_searchdocument_fts"
    " WHERE measures_searchdocument_fts MATCH %s"
    " AND measures_searchdocument_fts.rowid = measures_searchdocument.id"
)
