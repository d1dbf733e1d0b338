"""The rows of what a coordinator brings: an .xlsx or .csv sheet, or a .txt / pasted document in
which table rows are tab-separated lines (as copying from Word or a PDF leaves them)."""

import csv
import io
from pathlib import PurePath

from itaportal import thai

from ..results.files import MAX_BYTES, decoded_text, xlsx_rows
from ..results.parsing import ResultTextError

SUFFIXES = (".xlsx", ".csv", ".txt")
MAX_ROWS = 5000


class PlanFileError(Exception):
    """A file that cannot be read at all: ``messages`` says in Thai why."""

    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


def rows_from_text(text):
    return [line.split("\t") for line in text.splitlines()[:MAX_ROWS]]


def _text(data):
    try:
        return decoded_text(data)
    except ResultTextError as error:
        raise PlanFileError(error.messages) from error


def _xlsx_rows(data):
    try:
        return xlsx_rows(data, MAX_ROWS)
    except ResultTextError as error:
        raise PlanFileError(error.messages) from error


def rows_from_bytes(name, data):
    """The rows of a file by its name's suffix, or PlanFileError in Thai."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanFileError(["รองรับเฉพาะไฟล์ .xlsx, .csv และ .txt"])
    if len(data) > MAX_BYTES:
        megabytes = thai.thai_number(MAX_BYTES // (1024 * 1024))
        raise PlanFileError([f"ไฟล์ใหญ่เกิน {megabytes} MB กรุณาส่งเฉพาะตารางมาตรการ"])
    if suffix == ".xlsx":
        return _xlsx_rows(data)
    if suffix == ".csv":
        return [list(row) for row in csv.reader(io.StringIO(_text(data)))][:MAX_ROWS]
    return rows_from_text(_text(data))


def rows_from_upload(upload):
    if upload.size > MAX_BYTES:
        return rows_from_bytes(upload.name, b"x" * (MAX_BYTES + 1))  # refused by its size
    return rows_from_bytes(upload.name, upload.read())
