from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from measures.results.files import MAX_BYTES, lines_from_upload
from measures.results.parsing import ResultTextError, result_from_lines
from measures.results.scoring import Shape

pytestmark = pytest.mark.django_db


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_sheet_is_read_row_by_row_with_its_numbers_exact(framework_2565):
    data = xlsx([["ลำดับ", "ตัวชี้วัด", "คะแนน"], [1, "การปฏิบัติหน้าที่", 93.58], ["O42", None, 100]])
    lines = lines_from_upload(SimpleUploadedFile("ผล.xlsx", data))
    reading = result_from_lines(shape=Shape.of(framework_2565), lines=lines)
    assert reading.typed.scores == {"ind:1": Decimal("93.58"), "q:O42": Decimal("100.00")}


def test_a_csv_saved_by_thai_excel_is_read(framework_2565):
    data = "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร,๘๑.๔๐\n".encode("cp874")
    lines = lines_from_upload(SimpleUploadedFile("ผล.csv", data))
    reading = result_from_lines(shape=Shape.of(framework_2565), lines=lines)
    assert reading.typed.scores == {"ind:7": Decimal("81.40")}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ผล.pdf", b"%PDF-1.4", "รองรับเฉพาะไฟล์ .csv และ .xlsx"),
        ("ผล.xlsx", b"not a zip", "อ่านไฟล์ Excel ไม่ได้"),
        ("ผล.csv", b"x" * (MAX_BYTES + 1), "ไฟล์ใหญ่เกิน"),
    ],
)
def test_files_that_cannot_be_read_are_refused_in_thai(name, data, message):
    with pytest.raises(ResultTextError) as error:
        lines_from_upload(SimpleUploadedFile(name, data))
    assert message in error.value.messages[0]
