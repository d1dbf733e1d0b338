"""Full-text matching over the index, the same call on both databases: PostgreSQL matches
``to_tsvector('simple', segmented)`` (the GIN index's expression, so the index serves it) against
the words; SQLite the FTS5 table the migration keeps in step. The words come from the
Segmenter, and reach the database as parameters only."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Func
from django.db.models.expressions import RawSQL

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


def matching(documents, words):
    """``documents`` (a SearchDocument queryset) that contain every word, annotated ``rank``
    (higher is better)."""
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(words), config="simple", search_type="plain")
        vector = _SimpleVector(F("segmented"))
        return documents.annotate(vector=vector, rank=SearchRank(vector, query)).filter(
            vector=query
        )
    # FTS5: each word a quoted string ("" inside doubles), so * NEAR AND " mean nothing here.
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    # Constant SQL; the words go in as the one parameter.
    ranked = RawSQL(
        "SELECT -bm25(measures_searchdocument_fts) FROM measures_searchdocument_fts"
        " WHERE measures_searchdocument_fts MATCH %s"
        " AND measures_searchdocument_fts.rowid = measures_searchdocument.id",
        [match],
        output_field=FloatField(),
    )
    hits = RawSQL(
        "SELECT rowid FROM measures_searchdocument_fts WHERE measures_searchdocument_fts MATCH %s",
        [match],
    )
    return documents.filter(pk__in=hits).annotate(rank=ranked)
