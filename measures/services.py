"""Work that changes plans, measures and progress entries. Views call these, never save().

Every function takes keyword arguments only, validates with full_clean() before saving and runs
in a transaction. Changes to a row someone may be editing at the same time carry the `version`
the form was loaded with: the save is refused with StaleVersion when the row moved on meanwhile
(optimistic locking, so nobody's update is silently lost).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from itaportal import thai
from itaportal.logs import log_event

from .history import changes_between
from .models import (
    EvidenceFile,
    EvidenceLink,
    Measure,
    MeasurePlan,
    MeasureStep,
    MonitoringItem,
    ProgressEntry,
)
from .rounds import has_published_entries, locked_months, round_is_locked
from .search.indexing import search_entry_index, search_measure_index
from .uploads import written_files_deleted_on_failure

Review = ProgressEntry.Review


class StaleVersion(Exception):
    """The row changed after the form was loaded. `changes` lists (label, theirs, current);
    `current_version` is the row's version now, for a form that may save over it knowingly."""

    def __init__(self, changes, current_version):
        super().__init__("ข้อมูลถูกแก้ไขโดยผู้อื่นระหว่างที่ท่านกำลังแก้ไข")
        self.changes = changes
        self.current_version = current_version


class RoundLocked(Exception):
    """The reporting round of this date has been published and may no longer change."""


class ReviewStateError(Exception):
    """The entry is not in a state that allows this step of the review."""


@dataclass
class Step:
    text: str
    deadline: object = None
    label: str = ""


@dataclass
class Monitoring:
    text: str
    deadline: object = None
    deadline_precision: str = "day"
    recurrence: str = ""


@dataclass
class Link:
    url: str
    title: str


# --- optimistic locking -------------------------------------------------------------------------


def _changes_since(obj, version):
    """(label, value when the form was loaded, value now) for each field changed since."""
    current = obj.history.filter(version=obj.version).order_by("-history_date").first()
    loaded = obj.history.filter(version=version).order_by("-history_date").first()
    changes = changes_between(current, loaded, type(obj)) if current and loaded else []
    return changes or [("ฉบับแก้ไข", thai.to_thai_digits(version), thai.to_thai_digits(obj.version))]


def _claim_version(obj, version):
    """Move the row to the next version if it is still at `version`, else raise StaleVersion.

    A conditional UPDATE is atomic on SQLite and PostgreSQL alike: of two saves that loaded the
    same version, exactly one matches the WHERE clause."""
    model = type(obj)
    claimed = model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        fresh = model.objects.get(pk=obj.pk)
        raise StaleVersion(_changes_since(fresh, version), fresh.version)
    obj.version = version + 1


# --- rounds ---------------------------------------------------------------------------------


def entries_locked(plan, entries):
    """Mark each entry `.locked` (its round is published), with one query for the whole list."""
    locked = locked_months(plan)
    for entry in entries:
        entry.locked = bool(locked & set(thai.rounds_of(entry.done_on)))
    return entries


def _refuse_locked(plan, done_on):
    if done_on and round_is_locked(plan, done_on):
        raise RoundLocked(
            "รอบรายงานของวันที่ " + thai.format_date(done_on) + " เผยแพร่แล้ว จึงแก้ไขผลการดำเนินการ"
            "ของรอบนั้นไม่ได้ หากจำเป็นต้องแก้ไข กรุณาติดต่อผู้ประสานงาน"
        )


# --- plans ----------------------------------------------------------------------------------


PLAN_FIELDS = (
    "framework",
    "intro",
    "announced_on",
    "signatory_name",
    "signatory_position",
    "wording",
    "questions_with_text",
)


@transaction.atomic
def plan_create(*, organisation, fiscal_year, framework, **fields):
    plan = MeasurePlan(
        organisation=organisation, fiscal_year=fiscal_year, framework=framework, **fields
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan, version, **fields):
    _claim_version(plan, version)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(f"plan_update() cannot change {name}")
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan


# --- measures -------------------------------------------------------------------------------


MEASURE_FIELDS = (
    "number",
    "theme",
    "title",
    "issue",
    "all_units",
    "responsible_note",
    "monitoring",
    "deadline",
    "deadline_precision",
    "period_start",
    "period_end",
    "expected_outcome",
)


def _check_members(plan, units, questions):
    errors = {}
    if any(u.organisation_id != plan.organisation_id for u in units):
        errors["units"] = "สำนัก/กองที่เลือกไม่ใช่ของหน่วยงานนี้"
    if any(q.framework_id != plan.framework_id for q in questions):
        errors["questions"] = "ข้อคำถามที่เลือกไม่อยู่ในกรอบการประเมินของแผนนี้"
    if errors:
        raise ValidationError(errors)


def _save_steps(measure, steps):
    """Make the measure's steps these, in this order, touching only rows that change, so the
    history shows what was edited rather than every step deleted and added again."""
    existing = {step.order: step for step in measure.steps.all()}
    for order, step in enumerate(steps, start=1):
        row = existing.pop(order, None) or MeasureStep(measure=measure, order=order)
        if row.pk and (row.text, row.deadline, row.label) == (step.text, step.deadline, step.label):
            continue
        row.text, row.deadline, row.label = step.text, step.deadline, step.label
        row.full_clean()
        row.save()
    for leftover in existing.values():
        leftover.delete()


MONITORING_FIELDS = ("text", "deadline", "deadline_precision", "recurrence")


def _save_monitoring(measure, items):
    """Make the measure's monitoring items these, in this order, touching only changed rows."""
    existing = {item.order: item for item in measure.monitoring_items.all()}
    for order, item in enumerate(items, start=1):
        row = existing.pop(order, None) or MonitoringItem(measure=measure, order=order)
        wanted = tuple(getattr(item, name) for name in MONITORING_FIELDS)
        if row.pk and tuple(getattr(row, name) for name in MONITORING_FIELDS) == wanted:
            continue
        for name, value in zip(MONITORING_FIELDS, wanted, strict=True):
            setattr(row, name, value)
        row.full_clean()
        row.save()
    for leftover in existing.values():
        leftover.delete()


@transaction.atomic
def measure_create(*, plan, units=(), questions=(), steps=(), monitoring_items=(), **fields):
    units, questions = list(units), list(questions)
    _check_members(plan, units, questions)
    if not fields.get("number"):
        fields["number"] = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    order = (plan.measures.aggregate(n=Max("order"))["n"] or 0) + 1
    measure = Measure(plan=plan, order=fields.pop("order", order), **fields)
    measure.full_clean()
    measure.save()
    measure.units.set(units)
    measure.questions.set(questions)
    _save_steps(measure, steps)
    _save_monitoring(measure, monitoring_items)
    search_measure_index(measure=measure)
    return measure


@transaction.atomic
def measure_update(
    *, measure, version, units=None, questions=None, steps=None, monitoring_items=None, **fields
):
    _claim_version(measure, version)
    for name, value in fields.items():
        if name not in MEASURE_FIELDS:
            raise TypeError(f"measure_update() cannot change {name}")
        setattr(measure, name, value)
    units = list(measure.units.all()) if units is None else list(units)
    questions = list(measure.questions.all()) if questions is None else list(questions)
    _check_members(measure.plan, units, questions)
    measure.full_clean()
    measure.save()
    # Set m2m after save: the history row of this save then records the m2m as they end up.
    measure.units.set(units)
    measure.questions.set(questions)
    if steps is not None:
        _save_steps(measure, steps)
    if monitoring_items is not None:
        _save_monitoring(measure, monitoring_items)
    search_measure_index(measure=measure)
    return measure


class MeasurePublished(Exception):
    """The measure has entries that stood in a published report: withdraw it instead."""


@transaction.atomic
def measure_delete(*, measure, version):
    _claim_version(measure, version)
    if has_published_entries(measure):
        raise MeasurePublished(
            "มาตรการนี้มีผลการดำเนินการที่เผยแพร่ในรายงานแล้ว จึงลบไม่ได้ กรุณาถอนมาตรการแทน"
            " มาตรการที่ถอนจะไม่ปรากฏในเอกสารที่จัดทำใหม่ และผลการดำเนินการจะยังเก็บไว้ครบ"
        )
    measure.delete()


@transaction.atomic
def measure_withdraw(*, measure, version):
    _claim_version(measure, version)
    measure.withdrawn_at = timezone.now()
    measure.full_clean()
    measure.save()
    search_measure_index(measure=measure)
    return measure


@transaction.atomic
def measure_move(*, measure, direction):
    """Swap the measure's place with its neighbour above ("up") or below ("down")."""
    siblings = list(
        Measure.objects.select_for_update().filter(plan=measure.plan).order_by("order", "number")
    )
    index = next(i for i, m in enumerate(siblings) if m.pk == measure.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return measure
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, m in enumerate(siblings, start=1):
        if m.order != position:
            m.order = position
            m.save(update_fields=["order"])
    return next(m for m in siblings if m.pk == measure.pk)


# --- progress entries -----------------------------------------------------------------------


ENTRY_FIELDS = ("done_on", "date_precision", "description", "status", "percent")


def _store_file(row, upload, written):
    """Write the upload under the row's generated name, noted in `written` before writing."""
    field = row.file.field
    name = field.generate_filename(row, upload.original_name)
    written.append(name)
    stored = field.storage.save(name, upload.file, max_length=field.max_length)
    if stored != name:
        written.append(stored)
    row.file = stored


def _save_evidence(entry, links, files, written):
    start = (entry.links.aggregate(n=Max("order"))["n"] or 0) + 1
    for order, link in enumerate(links or (), start=start):
        row = EvidenceLink(entry=entry, url=link.url, title=link.title, order=order)
        row.full_clean()
        row.save()
    for upload in files or ():
        row = EvidenceFile(
            entry=entry,
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
        )
        _store_file(row, upload, written)
        row.full_clean()
        row.save()


def _remove_evidence(evidence, editor):
    """Take a file off its entry. The row and the file stay: the entry's history must still be
    able to open what was once shown as evidence (for coordinators, see access)."""
    evidence.removed_at = timezone.now()
    evidence.removed_by = editor
    if editor is not None:
        evidence._history_user = editor  # also when no request is around (commands, tests)
    evidence.full_clean()
    evidence.save(update_fields=["removed_at", "removed_by"])


def entry_create(*, measure, author, links=(), files=(), **fields):
    """A new progress entry, in draft; files are CheckedUpload objects (see forms)."""
    with written_files_deleted_on_failure() as written, transaction.atomic():
        _refuse_locked(measure.plan, fields.get("done_on"))
        entry = ProgressEntry(measure=measure, author=author, review_state=Review.DRAFT, **fields)
        entry.full_clean()
        entry.save()
        _save_evidence(entry, links, files, written)
        search_entry_index(entry=entry)
    return entry


def entry_update(
    *,
    entry,
    version,
    editor=None,
    links=(),
    files=(),
    remove_links=(),
    remove_files=(),
    **fields,
):
    """Edit an entry. An entry that was submitted or approved goes back to draft: what the
    executive approved is not what it now says. Removed files are kept (see _remove_evidence);
    files this save wrote are deleted again if it fails."""
    with written_files_deleted_on_failure() as written, transaction.atomic():
        _refuse_locked(entry.measure.plan, entry.done_on)
        _refuse_locked(entry.measure.plan, fields.get("done_on"))
        _claim_version(entry, version)
        for name, value in fields.items():
            if name not in ENTRY_FIELDS:
                raise TypeError(f"entry_update() cannot change {name}")
            setattr(entry, name, value)
        if entry.review_state in (Review.SUBMITTED, Review.APPROVED):
            entry.review_state = Review.DRAFT
        entry.full_clean()
        entry.save()
        for link in entry.links.filter(pk__in=[x.pk for x in remove_links]):
            link.delete()
        for evidence in entry.files.filter(pk__in=[x.pk for x in remove_files]):
            _remove_evidence(evidence, editor)
        _save_evidence(entry, links, files, written)
        search_entry_index(entry=entry)
    return entry


def evidence_orphans_delete(*, older_than, dry_run=False):
    """Delete files under evidence/ that no evidence row (removed ones included) and no history
    record names, last written more than `older_than` (a timedelta) ago; return their names.

    A failed save deletes its own files (written_files_deleted_on_failure); these come from one
    whose process was killed between writing and committing. Younger files are left alone: their
    save may still be running."""
    storage = EvidenceFile._meta.get_field("file").storage
    if not storage.exists("evidence"):
        return []
    named = set(EvidenceFile.with_removed.values_list("file", flat=True))
    named |= set(EvidenceFile.history.values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    orphans = [
        name
        for name in (f"evidence/{n}" for n in storage.listdir("evidence")[1])
        if name not in named and storage.get_modified_time(name) < cutoff
    ]
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    return sorted(orphans)


def _transition(entry, version, allowed_from, message):
    _refuse_locked(entry.measure.plan, entry.done_on)
    if entry.review_state not in allowed_from:
        raise ReviewStateError(message)
    _claim_version(entry, version)


@transaction.atomic
def entry_submit(*, entry, version):
    _transition(
        entry,
        version,
        (Review.DRAFT, Review.RETURNED),
        "ส่งอนุมัติได้เฉพาะผลการดำเนินการที่เป็นฉบับร่างหรือถูกส่งกลับแก้ไข",
    )
    entry.review_state = Review.SUBMITTED
    entry.full_clean()
    entry.save()
    search_entry_index(entry=entry)
    return entry


@transaction.atomic
def entry_approve(*, entry, version, reviewer):
    _transition(entry, version, (Review.SUBMITTED,), "อนุมัติได้เฉพาะผลการดำเนินการที่ส่งมาเพื่อรออนุมัติ")
    entry.review_state = Review.APPROVED
    entry.reviewed_by = reviewer
    entry.reviewed_at = timezone.now()
    entry.full_clean()
    entry.save()
    search_entry_index(entry=entry)
    log_event("entry_approved", entry=entry.pk, measure=entry.measure_id)
    return entry


def entries_approve(*, decisions, reviewer):
    """Approve several entries, each at the version the executive saw. Each is its own
    transaction: one that moved on meanwhile is refused without holding back the others.
    Returns (approved entries, [(entry, Thai reason)] refused)."""
    approved, refused = [], []
    for entry, version in decisions:
        try:
            approved.append(entry_approve(entry=entry, version=version, reviewer=reviewer))
        except StaleVersion:
            refused.append((entry, "มีผู้แก้ไขรายการนี้หลังจากที่ท่านเปิดหน้านี้ กรุณาตรวจสอบอีกครั้ง"))
        except (ReviewStateError, RoundLocked) as error:
            refused.append((entry, str(error)))
    return approved, refused


@transaction.atomic
def entry_return(*, entry, version, reviewer, comment):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "กรุณาระบุสิ่งที่ต้องแก้ไข เพื่อให้ผู้บันทึกทราบ"})
    _transition(entry, version, (Review.SUBMITTED,), "ส่งกลับได้เฉพาะผลการดำเนินการที่ส่งมาเพื่อรออนุมัติ")
    entry.review_state = Review.RETURNED
    entry.review_comment = comment
    entry.reviewed_by = reviewer
    entry.reviewed_at = timezone.now()
    entry.full_clean()
    entry.save()
    search_entry_index(entry=entry)
    log_event("entry_returned", entry=entry.pk, measure=entry.measure_id)
    return entry
