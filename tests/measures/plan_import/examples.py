"""The three published reports of ../shared/examples, and how much of their tables a plan keeps."""

import re
from pathlib import Path

from measures.plan_import.columns import header_keys
from measures.plan_import.exporting import plan_sheet_rows
from measures.plan_import.reading import rows_from_text

EXAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "examples"
# name, fiscal year, round, the codes each measure answers (in the document's order)
DOCUMENTS = {
    "bangsainoi-2566-6-month.txt": (2566, 6),
    "makjia-2566-6-month.txt": (2566, 6),
    "por-2567-12-month.txt": (2567, 12),
}


def example_text(name):
    return (EXAMPLES / name).read_text(encoding="utf-8")


def _comparable(text):
    """Text as both sides can print it: no markup, spacing or numbering punctuation (a step
    ๑) is printed ๑.), Thai digits, and years of 25xx by their last two digits (the portal
    prints a period ต.ค. ๖๖ - ก.ย. ๖๗ where the report wrote ๒๕๖๖)."""
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"[\s.()]", "", text).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    return re.sub(r"๒๕([๐-๙]{2})", r"\1", text)


def _untagged(text):
    return re.sub(r"<[^>]*>", "", text).strip()


def table_cells(text):
    """The filled cells of the document's table rows (not headers, not heading rows)."""
    cells, in_table = [], False
    for cells_of_row in rows_from_text(text):
        if header_keys(cells_of_row):
            in_table = True
            continue
        filled = [c for c in cells_of_row if c.strip()]
        if in_table and len(filled) >= 2:
            cells.extend(filled)
    return cells


def coverage(text, plan):
    """Share of the document's table cells found, whole, in the plan's exported sheet. A code
    or a measure number at the start of a cell is left out: the plan holds them as the
    question it links and its own number, compared apart."""
    sheet = _comparable(" ".join(" ".join(row) for row in plan_sheet_rows(plan)[1:]))
    cells = [
        _comparable(re.sub(r"^(?:ข้อ\s*)?[A-Za-z]?[0-9๐-๙]{1,3}[.)]?\s", "", _untagged(c)))
        for c in table_cells(text)
    ]
    found = [c for c in cells if c in sheet]
    return len(found) / len(cells), [c for c in cells if c not in sheet]
