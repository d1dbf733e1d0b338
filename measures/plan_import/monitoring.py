"""The monitoring column's items (การรายงานผลและการกำกับติดตาม): one per number as written, each
keeping its text as the document wrote it, with the deadline or recurrence that text states.

Only what the text says is read: a month with its year (ภายในเดือน ตุลาคม ๒๕๖๕) or a day is a
deadline; a recurrence (ทุก ๖ เดือน ภายในเดือนเมษายน และตุลาคม, ไตรมาสละ ๑ ครั้ง) is kept as
written; a month without a year (ภายในเดือนมกราคม) is kept as written too, never given a year."""

import re
from dataclasses import dataclass
from datetime import date

from itaportal import thai

from ..models import MonitoringItem
from ..models.dates import DatePrecision, deadline_text
from ..services import Monitoring

_D = "0-9๐-๙"
_MONTH = r"[ก-์]+\.?(?:[ก-์]+\.)?"
_ERA = r"(?:พ\.\s?ศ\.\s*)?"
_WITHIN_MONTH = re.compile(rf"ภายใน\s*(?:เดือน\s*)?{_MONTH}\s*{_ERA}[{_D}]{{2,4}}(?![{_D}])")
_WITHIN_DAY = re.compile(
    rf"ภายใน\s*(?:วันที่\s*)?([{_D}]{{1,2}}\s*(?:เดือน\s*)?{_MONTH}\s*{_ERA}[{_D}]{{2,4}})(?![{_D}])"
)
_NAME = "(?:" + "|".join(sorted(thai.thai_full_months, key=len, reverse=True)) + ")"
_MONTHS_ONLY = rf"ภายใน\s*เดือน\s*{_NAME}(?:\s*(?:และ|,)\s*(?:เดือน\s*)?{_NAME})*(?:\s*ของทุกปี)?"
_RECURRENCE = re.compile(
    rf"(?:ทุก\s*(?:[{_D}]+\s*)?(?:เดือน|ไตรมาส|ปี|สัปดาห์)|(?:ไตรมาส|เดือน|ปี)ละ\s*[{_D}]+\s*ครั้ง"
    rf"|ราย(?:เดือน|ไตรมาส|ปี|สัปดาห์))(?:\s*{_MONTHS_ONLY})?"
)
_MONTH_NO_YEAR = re.compile(_MONTHS_ONLY)


@dataclass
class MonitoringRow:
    text: str
    deadline: date | None = None
    deadline_precision: str = DatePrecision.DAY
    recurrence: str = ""

    @property
    def when(self):
        """What the preview shows was read: the deadline, the recurrence, or that none was."""
        if self.deadline:
            return "กำหนด " + deadline_text(self.deadline, self.deadline_precision)
        if self.recurrence:
            return "ความถี่/กำหนดตามที่เขียน: " + self.recurrence
        return "ไม่ระบุกำหนดเวลา"

    def as_item(self):
        return Monitoring(
            text=self.text,
            deadline=self.deadline,
            deadline_precision=self.deadline_precision,
            recurrence=self.recurrence,
        )


def _deadlines(text):
    """{(date, precision): phrase as written} of the days, else months, the text gives as
    deadlines (a month as its last day: late only once it is over)."""
    found = {}
    for match in _WITHIN_DAY.finditer(text):
        try:
            found[thai.parse_date(match[1]), DatePrecision.DAY] = match[0]
        except thai.ThaiFormatError:
            continue
    if not found:
        for match in _WITHIN_MONTH.finditer(text):
            try:
                month = thai.last_day_of_month(thai.parse_month(match[0]))
            except thai.ThaiFormatError:
                continue
            found[month, DatePrecision.MONTH] = match[0]
    return found


def monitoring_row_read(text):
    """One item: its deadline when the text gives exactly one, else its recurrence or month as
    written; the text itself is never changed."""
    row = MonitoringRow(text=text)
    if match := _RECURRENCE.search(text):
        row.recurrence = " ".join(match[0].split())
        return row
    deadlines = _deadlines(text)
    if len(deadlines) == 1:
        [((row.deadline, precision), phrase)] = deadlines.items()
        row.deadline_precision = precision
        item = MonitoringItem(text=text, deadline=row.deadline, deadline_precision=precision)
        if item.printed != text:
            # Written otherwise (ภายใน ต.ค. ๖๕): kept as written, so printed once, as written.
            row.recurrence = " ".join(phrase.split())
        return row
    if not deadlines and (match := _MONTH_NO_YEAR.search(text)):
        row.recurrence = " ".join(match[0].split())
    return row


def monitoring_rows_read(text, numbered_parts):
    """The cell's items: its numbered parts as written, else one per line."""
    parts = numbered_parts(text) or [line.strip() for line in text.split("\n") if line.strip()]
    return [monitoring_row_read(part) for part in parts]
