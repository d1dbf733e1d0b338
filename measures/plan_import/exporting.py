"""A plan in the import template's columns (.xlsx): what the template download, the export
and the round trip (export → import elsewhere → export) share."""

import io

from itaportal import thai

from ..models import ProgressEntry
from .columns import COLUMNS, HEADERS

ALL_UNITS_TEXT = "ทุกสำนัก/กอง"


def _result_line(entry):
    """One result as the importer reads it back: [date; state] text."""
    when = entry.date_label
    if entry.state_text:
        when += f"; {entry.state_text}"
    return f"[{when}] {' '.join(entry.description.split())}"


def _unit_place(unit):
    return unit.order, unit.name


def measure_cells(measure):
    """The measure's row, column by column (see columns.COLUMNS)."""
    theme = measure.theme
    entries = [e for e in measure.entries.all() if e.review_state == ProgressEntry.Review.APPROVED]
    monitoring = [measure.monitoring] if measure.monitoring else []
    monitoring += [item.printed for item in measure.monitoring_items.all()]
    values = {
        "theme": f"({thai.to_thai_digits(theme.number)}) {theme.title}" if theme else "",
        "issue": measure.issue,
        "codes": ", ".join(thai.format_question_code(q.code) for q in measure.questions.all()),
        "title": measure.title,
        "units": ALL_UNITS_TEXT
        if measure.all_units
        else "/".join(u.name for u in sorted(measure.units.all(), key=_unit_place)),
        "responsible_note": measure.responsible_note,
        "steps": "\n".join(f"{s.number_text}. {s.text}" for s in measure.steps.all()),
        "monitoring": "\n".join(monitoring),
        "deadline": measure.deadline_text,
        "period": measure.period_text,
        "outcome": measure.expected_outcome,
        "results": "\n".join(_result_line(e) for e in entries),
    }
    return [values[column.key] for column in COLUMNS]


def plan_sheet_rows(plan):
    measures = (
        plan.measures.in_force()
        .select_related("theme")
        .prefetch_related("questions", "units", "steps", "monitoring_items", "entries")
        .order_by("order", "number")
    )
    return [list(HEADERS)] + [measure_cells(m) for m in measures]


def workbook_bytes(rows, *, with_help=False):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "มาตรการ"
    for row in rows:
        sheet.append(row)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        if with_help:
            cell.comment = Comment(column.help, "ITA Portal")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = 40 if column.key in ("steps", "results") else 24
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes():
    """The empty template: Thai headers, each with a note on what to write."""
    return workbook_bytes([list(HEADERS)], with_help=True)


def plan_export_bytes(*, plan):
    return workbook_bytes(plan_sheet_rows(plan))
