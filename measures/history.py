"""Who changed what when, in Thai, from django-simple-history's records."""

from itertools import groupby

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from itaportal import thai

from .models import (
    EvidenceFile,
    EvidenceLink,
    Measure,
    MeasureStep,
    Membership,
    ProgressEntry,
    Question,
    Unit,
)

# Bookkeeping fields nobody needs to read about.
HIDDEN_FIELDS = [
    "version",
    "updated_at",
    "created_at",
    "uploaded_at",
    "file",
    "order",
    "removed_at",
    "removed_by",
]
KIND = {"+": "เพิ่ม", "~": "แก้ไข", "-": "ลบ"}


def _kind(record, previous):
    # Removing a file from its entry keeps the row (marked removed): to a reader it was deleted.
    if getattr(record, "removed_at", None) and not getattr(previous, "removed_at", None):
        return KIND["-"]
    return KIND.get(record.history_type, record.history_type)


def display(value):
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if hasattr(value, "hour") and hasattr(value, "year"):
        return thai.format_date_short(value.date())
    if hasattr(value, "year") and hasattr(value, "month"):
        return thai.format_date_short(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value) or "–"
    if isinstance(value, int):
        return thai.to_thai_digits(value)
    return str(value)


def field_value(model, field_name, value, cache=None):
    """A history value as a person reads it: names for ids, labels for choices. `cache` keeps
    looked-up related objects across calls (one page shows many changes by the same people)."""
    field = model._meta.get_field(field_name)
    if field.many_to_many:
        # History keeps m2m rows as dicts such as {"measure": 1, "unit": 2}.
        key = field.related_model._meta.model_name
        pks = tuple(sorted(row.get(key) for row in value or []))
        cache = {} if cache is None else cache
        if (field.related_model, pks) not in cache:
            objects = field.related_model.objects.filter(pk__in=pks)
            if field.related_model is Question:
                shown = [thai.format_question_code(q.code) for q in objects.order_by("order")]
            else:
                shown = sorted(str(o) for o in objects)
            cache[field.related_model, pks] = display(shown)
        return cache[field.related_model, pks]
    if field.choices:
        return display(dict(field.flatchoices).get(value, value))
    if field.is_relation and value is not None:
        cache = {} if cache is None else cache
        key = (field.related_model, value)
        if key not in cache:
            cache[key] = display(field.related_model.objects.filter(pk=value).first())
        return cache[key]
    return display(value)


def changes_between(new, old, model, cache=None):
    """[(label, old value, new value)] between two history records of one object."""
    if old is None:
        return []
    delta = new.diff_against(old, excluded_fields=HIDDEN_FIELDS)
    rows = []
    for change in delta.changes:
        try:
            label = model._meta.get_field(change.field).verbose_name
        except FieldDoesNotExist:
            continue
        rows.append(
            (
                str(label),
                field_value(model, change.field, change.old, cache),
                field_value(model, change.field, change.new, cache),
            )
        )
    return rows


def _describe(model, record):
    if model is Measure:
        return "มาตรการ"
    if model is MeasureStep:
        return f"ขั้นตอน: {_short(record.text)}"
    if model is ProgressEntry:
        return f"ผลการดำเนินการ {thai.format_date_short(record.done_on)}"
    if model is EvidenceLink:
        return f"ลิงก์หลักฐาน: {_short(record.title)}"
    return f"ไฟล์หลักฐาน: {_short(record.original_name)}"


def _short(text, length=40):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def measure_history(measure, limit=60):
    """The measure's changes and those of its steps, entries and evidence, newest first.

    A record that changed nothing a person sees (e.g. the extra record an m2m update makes) is
    left out; the first record of each object reads "เพิ่ม" with its main text."""
    entry_ids = set(
        ProgressEntry.history.filter(measure_id=measure.pk).values_list("id", flat=True)
    )
    sources = [
        (Measure, Measure.history.filter(id=measure.pk)),
        (MeasureStep, MeasureStep.history.filter(measure_id=measure.pk)),
        (ProgressEntry, ProgressEntry.history.filter(id__in=entry_ids)),
        (EvidenceLink, EvidenceLink.history.filter(Q(entry_id__in=entry_ids))),
        (EvidenceFile, EvidenceFile.history.filter(Q(entry_id__in=entry_ids))),
    ]
    rows = _rows(sources, limit, _describe)
    _link_files(rows)
    return rows


def _rows(sources, limit, describe):
    """History rows of [(model, historical records)], newest first, at most `limit`."""
    # Pair every record with the one before it (cheap), then diff newest first and stop at
    # `limit` shown rows: diffing reads the m2m history, so it must not grow with every edit.
    pairs = []
    for model, records in sources:
        records = records.select_related("history_user").order_by(
            "id", "history_date", "history_id"
        )
        for _, group in groupby(records, key=lambda r: r.id):
            previous = None
            for record in group:
                pairs.append((record, previous, model))
                previous = record
    pairs.sort(key=lambda pair: pair[0].history_date, reverse=True)
    rows, cache = [], {}
    for record, previous, model in pairs:
        # A deleted row's record keeps its fields but not its m2m: no change worth reading.
        deleted = record.history_type == "-"
        changes = [] if deleted else changes_between(record, previous, model, cache)
        kind = _kind(record, previous)
        if record.history_type == "~" and kind == KIND["~"] and not changes:
            continue
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "kind": kind,
                "what": describe(model, record),
                "changes": changes,
                "file_id": record.id if model is EvidenceFile else None,
            }
        )
        if len(rows) == limit:
            break
    return rows


def people_history(organisation, limit=40):
    """Changes to the organisation's members (roles, units) and units, newest first: who may
    see and change what follows from these, so coordinators can read who changed them."""
    sources = [
        (Membership, Membership.history.filter(organisation_id=organisation.pk)),
        (Unit, Unit.history.filter(organisation_id=organisation.pk)),
    ]
    members = sources[0][1].values("user_id")
    usernames = dict(get_user_model().objects.filter(pk__in=members).values_list("pk", "username"))

    def describe(model, record):
        if model is Unit:
            return f"สำนัก/กอง: {record.name}"
        name = usernames.get(record.user_id, "ผู้ใช้ที่ถูกลบแล้ว")
        if record.history_type == "~":
            return f"สมาชิก: {name}"
        return f"สมาชิก: {name} ({Membership.Role(record.role).label})"

    rows = _rows(sources, limit, describe)
    for row in rows:
        del row["file_id"]
    return rows


def _link_files(rows):
    """Give each evidence file row `file`: the file as it is now ({"pk", "removed"}), or None
    when its row is gone. The page links removed files for coordinators only (see access)."""
    ids = {row["file_id"] for row in rows if row["file_id"]}
    removed = dict(EvidenceFile.with_removed.filter(pk__in=ids).values_list("pk", "removed_at"))
    for row in rows:
        pk = row.pop("file_id")
        row["file"] = {"pk": pk, "removed": removed[pk] is not None} if pk in removed else None
