"""The lines of an uploaded .csv or .xlsx result: each row becomes one tab-separated line, so a
file is read by the same rules as pasted text (measures.results.parsing)."""

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import PurePath

from itaportal import thai

from .parsing import MAX_LINES, ResultTextError

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx")


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # 93.58 stays 93.58, never 93.5799999
    return str(value).replace("\t", " ")


def decoded_text(data):
    for encoding in ("utf-8-sig", "cp874"):  # Thai Excel on Windows saves CSV as TIS-620
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ResultTextError(["อ่านไฟล์ไม่ได้ กรุณาบันทึกไฟล์เป็น UTF-8 แล้วลองใหม่"])


def _csv_lines(data):
    text = decoded_text(data)
    return ["\t".join(cell_text(c) for c in row) for row in csv.reader(io.StringIO(text))]


def xlsx_rows(data, limit):
    """The first sheet's rows (at most ``limit``), each a list of cell texts."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ResultTextError(["อ่านไฟล์ Excel ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ .xlsx"]) from error
    try:
        rows = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            rows.append([cell_text(c) for c in row])
            if len(rows) >= limit:
                break
        return rows
    finally:
        book.close()


def _xlsx_lines(data):
    return ["\t".join(row).rstrip("\t") for row in xlsx_rows(data, MAX_LINES + 1)]


def lines_from_bytes(name, data):
    """The lines of a file's content by its name's suffix: .csv, .xlsx or plain .txt."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix == ".txt":
        return decoded_text(data).splitlines()
    if suffix not in SUFFIXES:
        raise ResultTextError(["รองรับเฉพาะไฟล์ .csv และ .xlsx"])
    if len(data) > MAX_BYTES:
        raise ResultTextError(
            [f"ไฟล์ใหญ่เกิน {thai.thai_number(MAX_BYTES // (1024 * 1024))} MB กรุณาส่งเฉพาะตารางคะแนน"]
        )
    return _csv_lines(data) if suffix == ".csv" else _xlsx_lines(data)


def lines_from_upload(upload):
    """The lines of an uploaded file, or ResultTextError saying in Thai what is wrong with it."""
    if upload.size > MAX_BYTES:
        return lines_from_bytes(upload.name, b"x" * (MAX_BYTES + 1))  # refused by size
    return lines_from_bytes(upload.name, upload.read())
