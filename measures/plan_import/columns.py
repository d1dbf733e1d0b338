"""The import template's columns: one definition read by the template download, the importer
(which also knows the headers real reports print) and the exporter."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template prints it
    help: str
    # Headers of real reports meaning this column, compared without spaces, as prefixes.
    aliases: tuple = ()


COLUMNS = (
    Column("theme", "ประเด็นมาตรการ", "เช่น (๑) กระบวนการปฏิบัติงานที่โปร่งใส (ถ้ามี)"),
    Column(
        "issue",
        "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
        "ข้อคำถามหรือประเด็นที่ต้องพัฒนา",
        ("ประเด็นที่ต้องปรับปรุง", "ประเด็นที่ต้องพัฒนา"),
    ),
    Column("codes", "รหัสข้อคำถาม", "เช่น e6, O42 คั่นด้วยจุลภาค"),
    Column("title", "มาตรการ/แนวทาง", "ชื่อมาตรการ (ไม่มีก็ได้ ถ้ามีประเด็น)", ("มาตรการ",)),
    Column("units", "ผู้รับผิดชอบ", "สำนัก/กอง คั่นด้วย / เช่น สำนักปลัด/กองคลัง"),
    Column("responsible_note", "หมายเหตุผู้รับผิดชอบ", "ข้อความประกอบผู้รับผิดชอบ"),
    Column(
        "steps",
        "ขั้นตอนหรือวิธีการ",
        "ขึ้นต้นแต่ละขั้นด้วยเลขข้อ เช่น ๑. … ๒. …",
        ("ขั้นตอน", "วิธีดำเนินการ", "วิธีการดำเนินการ"),
    ),
    Column(
        "monitoring",
        "การรายงานผลและการกำกับติดตาม",
        "การรายงานผลและการกำกับติดตาม",
        ("การรายงานผลและการกำกับ",),
    ),
    Column("deadline", "กำหนดเวลาแล้วเสร็จ", "เช่น ภายในเดือนกันยายน ๒๕๖๖ หรือ ๓๐ ก.ย. ๒๕๖๖"),
    Column("period", "ระยะเวลาดำเนินการ", "เช่น ต.ค. ๖๕ - ก.ย. ๖๖", ("ระยะเวลา",)),
    Column(
        "outcome",
        "ผลลัพธ์ที่คาดหวัง",
        "ผลลัพธ์หรือข้อเสนอแนะ",
        ("ผลลัพธ์หรือความสำเร็จ", "ข้อเสนอแนะ"),
    ),
    Column(
        "results",
        "ผลการดำเนินการ",
        "หนึ่งบรรทัดต่อหนึ่งผล เช่น [๕ มกราคม พ.ศ. ๒๕๖๖] จัดประชุม…",
        ("การดำเนินการ", "ผลกาดำเนินการ", "สรุปผลการดำเนินการ", "ผลลัพธ์/ความสำเร็จ"),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
HEADERS = tuple(column.header for column in COLUMNS)


def _squeezed(text):
    return re.sub(r"\s+", "", text or "")


# Longest first, so that "ขั้นตอนหรือวิธีการ/มาตรการ" is steps, not a title starting "มาตรการ".
_NAMES = sorted(
    (
        (_squeezed(name), column.key)
        for column in COLUMNS
        for name in (column.header, *column.aliases)
    ),
    key=lambda pair: -len(pair[0]),
)


def column_of(header):
    """The key of the column a header cell names, or None."""
    cell = _squeezed(header)
    if not cell:
        return None
    for name, key in _NAMES:
        if cell.startswith(name):
            return key
    return None


def header_keys(cells):
    """Column keys of a row that is a table header (a title or issue column and at least two
    more recognised), else None."""
    keys = [column_of(cell) for cell in cells]
    known = [k for k in keys if k]
    if len(known) >= 3 and {"title", "issue"} & set(known) and len(set(known)) == len(known):
        return keys
    return None
