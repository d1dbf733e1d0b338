"""Rows of a sheet or document → the measures they describe, each with Thai errors and warnings.

A document is read as a person reads it: a table starts at a row of known column headers (headers
repeat on every page, and a new header row may change the columns), rows whose first cell alone
is filled are headings that give context (เครื่องมือการประเมิน EIT, ตัวชี้วัดที่ ๗, a theme
"(๑) …"), and codes mangled by text extraction are read in that context and flagged."""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from itaportal import thai

from ..catalog import oit_topic_codes
from ..models import ProgressEntry, Question
from ..models.dates import DatePrecision
from .columns import header_keys
from .monitoring import monitoring_rows_read

ALL_UNITS = {"ทุกสำนัก/กอง", "ทุกกอง", "สำนักปลัด/กองทุกกอง", "ทุกส่วนราชการ"}
_TAG = re.compile(r"<[^>]*>")
_DIGIT = "0-9๐-๙"
# A step's number as written: ๑. ๑) (๑) 1. ๓.๑ ๓.๑) — at the start of a cell or after a space.
_STEP = re.compile(
    rf"(?:^|(?<=\s))\(?([{_DIGIT}]{{1,2}}(?:\.[{_DIGIT}]{{1,2}})*)(?:\.(?![{_DIGIT}])|\))"
)
_CODE = re.compile(rf"^(?:ข้อ(?:ที่)?\s*)?([A-Za-z]?[{_DIGIT}]{{1,3}})(?=\s|$)")
_LEADING_NUMBER = re.compile(rf"^([{_DIGIT}]{{1,2}})\s*[.)]\s*")
_THEME = re.compile(rf"^\(([{_DIGIT}]{{1,2}})\)\s*(.+)$")
_DAY = re.compile(
    rf"([{_DIGIT}]{{1,2}})\s*(?:เดือน)?\s*([ก-ฮ][ก-์.]*\.?)\s*(?:พ\.\s?ศ\.)?\s*([{_DIGIT}]{{2,4}})"
)
_ROUND6 = re.compile(r"รอบ\s*(?:๖|6)\s*เดือน")
_BRACKET = re.compile(r"^\[([^\]]+)\]\s*(.*)$", re.S)
NO_PERIOD = "ไม่ระบุระยะเวลา: จะเว้นว่างไว้ (เอกสารจะไม่พิมพ์ระยะเวลา แก้ไขได้ภายหลัง)"


def squeezed(text):
    return re.sub(r"\s+", "", text or "")


def clean_cell(text):
    """A cell's text as written, without the markup text extraction leaves and extra spaces."""
    return re.sub(r"[ \t\u200b]+", " ", _TAG.sub(" ", text or "")).strip()


@dataclass
class EntryRow:
    done_on: date
    date_precision: str
    description: str
    status: str = ""
    percent: int | None = None

    @property
    def label(self):
        """The date as the preview shows it, as precisely as the source gave it."""
        if self.date_precision == DatePrecision.MONTH:
            return f"เดือน{thai.format_month(self.done_on)}"
        if self.date_precision == DatePrecision.ROUND:
            return f"รอบ {thai.to_thai_digits(thai.rounds_of(self.done_on)[0])} เดือน"
        return thai.format_date(self.done_on)


@dataclass
class ImportRow:
    line: int
    theme: tuple | None = None
    number: int | None = None
    title: str = ""
    issue: str = ""
    codes: list = field(default_factory=list)
    unit_names: list = field(default_factory=list)
    unit_parents: dict = field(default_factory=dict)  # a section's name → its division's
    all_units: bool = False
    responsible_note: str = ""
    steps: list = field(default_factory=list)  # (label, text)
    monitoring: str = ""
    monitoring_items: list = field(default_factory=list)  # monitoring.MonitoringRow
    deadline: date | None = None
    deadline_precision: str = DatePrecision.DAY
    period: tuple = ()
    outcome: str = ""
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    exists: bool = False

    @property
    def heading(self):
        return self.title or self.issue

    @property
    def units_shown(self):
        """The units as the preview lists them: a section with its division, งานการเงิน (กองคลัง)."""
        return [
            f"{name} ({self.unit_parents[name]})" if name in self.unit_parents else name
            for name in self.unit_names
        ]

    @property
    def key(self):
        """What makes the row the same measure when imported again: its texts and codes."""
        text = thai.to_arabic_digits(squeezed(self.issue) + "|" + squeezed(self.title))
        return text + "|" + ",".join(sorted(self.codes))


@dataclass
class Reading:
    rows: list
    months: int  # the reporting round the document reports: results are dated in it
    found_table: bool = True


def document_round(rows):
    """6 when the document's own title says รอบ ๖ เดือน (table cells may name other rounds)."""
    text = " ".join(r[0] for r in rows[:80] if len(r) == 1)
    return 6 if _ROUND6.search(text) else 12


class _Framework:
    """The codes of a framework, their tools, and question texts to recognise a mangled code."""

    def __init__(self, framework):
        self.fiscal_year = framework.fiscal_year
        questions = Question.objects.filter(framework=framework).select_related("tool", "indicator")
        self.tool_of = {q.code: q.tool.code for q in questions}
        self.texts = {q.code: squeezed(q.text_th) for q in questions if q.text_th}
        self.indicator_tool = {q.indicator.number: q.tool.code for q in questions if q.indicator_id}
        self.indicator_of = {q.code: q.indicator.number for q in questions if q.indicator_id}

    def by_text(self, text, tool):
        """The question of ``tool`` whose text the issue quotes, if one clearly is."""
        wanted = squeezed(text)[:120]
        best, score = None, 0.0
        for code, question in self.texts.items():
            if tool and self.tool_of[code] != tool:
                continue
            ratio = difflib.SequenceMatcher(None, wanted, question[: len(wanted)]).ratio()
            if ratio > score:
                best, score = code, ratio
        return best if score >= 0.6 else None


def _candidate_codes(token, tool):
    """Codes a printed token may stand for, with whether reading it needed the context."""
    try:
        code = thai.parse_question_code(token)
        explicit = token[0] in "ieIEoO"
        yield code, not explicit
    except thai.ThaiFormatError:
        pass
    digits = thai.to_arabic_digits(token)
    if tool and digits.isdigit():
        letter = {"IIT": "i", "EIT": "e", "OIT": "O"}[tool]
        if tool == "EIT" and token[0] == "๑" and len(token) >= 3:
            yield f"e{int(digits[1:])}", True  # the e read as ๑: ๑๑๐ is e10
        if int(digits):
            yield f"{letter}{int(digits)}", True


def _read_codes(row, tool, fw):
    """The row's question codes, from its codes cell or from the start of its issue."""
    if row.codes:
        codes = []
        for token in re.split(r"[,\s]+", row.codes[0].strip()):
            if not token:
                continue
            try:
                code = thai.parse_question_code(token)
            except thai.ThaiFormatError as error:
                row.errors.append(str(error))
                continue
            if code not in fw.tool_of:
                row.errors.append(f"ไม่พบข้อ {thai.to_thai_digits(code)} ในกรอบการประเมินของแผน")
            codes.append(code)
        row.codes = codes
        return
    match = _CODE.match(row.issue)
    if match:
        token = match[1]
        for code, guessed in _candidate_codes(token, tool):
            if code in fw.tool_of and (not tool or fw.tool_of[code] == tool or not guessed):
                row.codes = [code]
                row.issue = row.issue[match.end() :].strip()
                if guessed:
                    row.warnings.append(
                        f"อ่าน “{token}” เป็นข้อ {thai.format_question_code(code)} "
                        "จากบริบท (เครื่องมือการประเมิน) กรุณาตรวจสอบ"
                    )
                return
        rest = row.issue[match.end() :].strip()
        code = fw.by_text(rest, tool)
        if code:
            row.codes, row.issue = [code], rest
            row.warnings.append(
                f"อ่าน “{token}” เป็นข้อ {thai.format_question_code(code)} จากข้อความคำถาม กรุณาตรวจสอบ"
            )
            return
    if tool == "OIT" and row.issue:
        topics = oit_topic_codes(fiscal_year=fw.fiscal_year, text=row.issue)
        if len(topics) == 1:
            row.codes = [c for c in topics[0].codes if c in fw.tool_of]
            shown = ", ".join(thai.format_question_code(c) for c in row.codes)
            row.warnings.append(f"หัวข้อ “{topics[0].topic}” ตรงกับข้อ {shown} กรุณายืนยัน")
        elif topics:
            names = " / ".join(t.topic for t in topics)
            row.warnings.append(f"หัวข้อนี้ตรงกับหลายหัวข้อ ({names}) ยังไม่ได้ผูกข้อคำถาม")


def _number_marks(text):
    marks = []
    top = 0
    for match in _STEP.finditer(text):
        label = match[1]
        first = int(thai.to_arabic_digits(label.split(".")[0]))
        if (not marks and match.start() != 0) or first not in (top, top + 1):
            continue
        marks.append(match)
        top = first
    return marks


def numbered_parts(text):
    """The text's numbered parts exactly as written, numbers included; [] if not numbered."""
    marks = _number_marks(text)
    ends = [m.start() for m in marks[1:]] + [len(text)] * bool(marks)
    return [text[m.start() : end].strip() for m, end in zip(marks, ends, strict=True)]


def split_steps(text):
    """(label, text) per step, split on the numbering as written; labels keep their digits
    (๓.๑ stays ๓.๑). Text without a leading number is one step without a label."""
    marks = _number_marks(text)
    if not marks:
        return [("", text)] if text else []
    steps = []
    for i, match in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        steps.append((match[1], text[match.end() : end].strip()))
    return [(label, body) for label, body in steps if body]


def _split_units(text):
    if squeezed(text) in ALL_UNITS:
        return True, []
    parts = [p.strip() for p in re.split(r"[/,\n]", text) if p.strip()]
    return False, parts


# A section named with its division: งานการเงิน (กองคลัง), งานการเงิน กองคลัง.
_SECTION_IN = re.compile(r"^(งาน.+?)\s*\(\s*((?:กอง|สำนัก)[^()]*?)\s*\)$")
_SECTION_BESIDE = re.compile(r"^(งาน\S+)\s+((?:กอง|สำนัก)\S*)$")


def _sections(names):
    """The names with each section split from the division it names: (names, {section:
    division})."""
    found, parents = [], {}
    for name in names:
        if match := _SECTION_IN.match(name) or _SECTION_BESIDE.match(name):
            name, parents[match[1]] = match[1], match[2]
        found.append(name)
    return found, parents


def _month_or_day(text):
    """A deadline as written: a month (ภายในเดือนกันยายน ๒๕๖๖) or a day."""
    try:
        return thai.parse_month(text), DatePrecision.MONTH
    except thai.ThaiFormatError:
        return thai.parse_date(text), DatePrecision.DAY


def _entry_from_line(line, months, fiscal_year):
    """A result line: "[date; state] text" (the export's form), else text of the round."""
    match = _BRACKET.match(line)
    if not match:
        return _entry_dated_by_text(line, months, fiscal_year)
    parts = [p.strip() for p in match[1].split(";")]
    when, state = parts[0], parts[1] if len(parts) > 1 else ""
    if m := re.fullmatch(r"รอบ\s*([0-9๐-๙]+)\s*เดือน", when):
        own = int(thai.to_arabic_digits(m[1]))
        entry = EntryRow(thai.round_range(fiscal_year, own)[1], DatePrecision.ROUND, match[2])
    elif when.startswith("เดือน"):
        entry = EntryRow(thai.parse_month(when), DatePrecision.MONTH, match[2])
    else:
        entry = EntryRow(thai.parse_date(when), DatePrecision.DAY, match[2])
    for value, label in ProgressEntry.Status.choices:
        if state.startswith(label):
            entry.status = value
    if m := re.search(r"ร้อยละ\s*([0-9๐-๙]+)", state):
        entry.percent = int(thai.to_arabic_digits(m[1]))
    return entry


def _entry_dated_by_text(text, months, fiscal_year):
    """One entry for a result cell: on its day when it names exactly one day of the round,
    else dated by the round alone (the report says no more)."""
    first, last = thai.round_range(fiscal_year, months)
    days = set()
    for match in _DAY.finditer(text):
        try:
            days.add(thai.parse_date(match[0]))
        except thai.ThaiFormatError:
            continue
    if len(days) == 1 and first <= (day := days.pop()) <= last:
        return EntryRow(day, DatePrecision.DAY, text)
    return EntryRow(last, DatePrecision.ROUND, text)


def _fill(row, cells, keys, months, fiscal_year):
    values = {}
    for key, cell in zip(keys, cells, strict=False):
        if key and cell.strip():
            values[key] = (values[key] + "\n" if key in values else "") + cell
    text = {k: clean_cell(v) for k, v in values.items()}
    row.issue = text.get("issue", "")
    title = text.get("title", "")
    if match := _LEADING_NUMBER.match(title):
        row.number = int(thai.to_arabic_digits(match[1]))
        title = title[match.end() :]
    row.title = title
    row.codes = [text["codes"]] if text.get("codes") else []
    units = text.get("units", "")
    row.all_units, names = _split_units(units)
    row.unit_names, row.unit_parents = _sections(names)
    row.responsible_note = text.get("responsible_note", "")
    if row.all_units and squeezed(units) != "ทุกสำนัก/กอง":
        # "สำนักปลัด/กองทุกกอง" means every unit, but is kept as the document wrote it.
        row.responsible_note = f"{units}\n{row.responsible_note}".strip()
    row.steps = split_steps(text.get("steps", ""))
    row.monitoring = text.get("monitoring", "")
    row.monitoring_items = monitoring_rows_read(row.monitoring, numbered_parts)
    row.outcome = text.get("outcome", "")
    if text.get("theme") and (m := _THEME.match(text["theme"])):
        row.theme = (int(thai.to_arabic_digits(m[1])), m[2].strip())
    try:
        if text.get("deadline"):
            row.deadline, row.deadline_precision = _month_or_day(text["deadline"])
        period = text.get("period", "")
        if not period:
            # Left empty, never the whole year: documents print only what the plan said.
            row.warnings.append(NO_PERIOD)
        elif re.search(r"[-–—]", thai.to_arabic_digits(period)):
            row.period = thai.parse_period(period)
        else:
            month = thai.parse_month(period)
            row.period = (month, month)
    except thai.ThaiFormatError as error:
        row.errors.append(str(error))
    lines = values.get("results", "").strip()
    if lines.startswith("["):  # the export's form: one result per line
        lines = [clean_cell(line) for line in lines.split("\n")]
    else:
        lines = [text.get("results", "")]
    for line in filter(None, lines):
        try:
            row.results.append(_entry_from_line(line, months, fiscal_year))
        except thai.ThaiFormatError as error:
            row.errors.append(f"ผลการดำเนินการ: {error}")


def _heading(cells, context, fw):
    """Update the context from a heading row; True if the row was one."""
    text = clean_cell(" ".join(cells))
    if not text or any(clean_cell(c) for c in cells[1:]):
        return False
    found = False
    if m := re.search(r"เครื่องมือการประเมิน.*?\b(IIT|EIT|OIT)\b", text):
        context["tool"], found = m[1], True
    if m := re.search(rf"ตัวชี้วัดที่\s*([{_DIGIT}]+)", text):
        number = int(thai.to_arabic_digits(m[1]))
        if "tool" not in context or not found:
            context["tool"] = fw.indicator_tool.get(number, context.get("tool"))
        context["indicator"], found = number, True
    if m := _THEME.match(text):
        context["theme"], found = (int(thai.to_arabic_digits(m[1])), m[2].strip()), True
    return found


def _check_indicator(row, indicator, fw):
    """Documents print a measure under the indicator of its question in the framework: say so
    where the source placed it under another."""
    placed = {fw.indicator_of.get(code) for code in row.codes} - {None}
    if indicator and placed and indicator not in placed:
        numbers = ", ".join(thai.to_thai_digits(n) for n in sorted(placed))
        row.warnings.append(
            f"ข้อนี้อยู่ในตัวชี้วัดที่ {numbers} ตามกรอบการประเมิน แต่เอกสารวางไว้ใต้ตัวชี้วัดที่ "
            f"{thai.to_thai_digits(indicator)} เอกสารของระบบจะพิมพ์ไว้ใต้ตัวชี้วัดตามกรอบ"
        )


def plan_rows_read(*, rows, framework, fiscal_year, months=None):
    """Read the rows of a sheet or document (see the module's docstring)."""
    fw = _Framework(framework)
    months = months or document_round(rows)
    keys, context, found, result = None, {}, False, []
    for number, cells in enumerate(rows, start=1):
        cells = [c or "" for c in cells]
        if header := header_keys(cells):
            keys, found = header, True
            continue
        if _heading(cells, context, fw) or keys is None or not any(c.strip() for c in cells):
            continue
        if len(cells) < 2:
            continue  # a paragraph between tables
        row = ImportRow(line=number, theme=context.get("theme"))
        _fill(row, cells, keys, months, fiscal_year)
        if not row.heading and not row.steps:
            continue
        if not row.heading:
            row.errors.append("แถวนี้ไม่มีทั้งมาตรการและประเด็นที่ต้องปรับปรุงแก้ไข")
        _read_codes(row, context.get("tool"), fw)
        _check_indicator(row, context.get("indicator"), fw)
        result.append(row)
    return Reading(rows=result, months=months, found_table=found)
