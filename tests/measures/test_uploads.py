import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures.uploads import clean_original_name, sniff_content_type

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def office(main):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/'
            f'vnd.openxmlformats-officedocument.{main}+xml"/></Types>',
        )
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        ("a.gif", b"GIF89a\x01\x00", "image/gif"),
        ("a.doc", OLE, "application/msword"),
        ("a.xls", OLE, "application/vnd.ms-excel"),
        ("a.ppt", OLE, "application/vnd.ms-powerpoint"),
        (
            "a.docx",
            office("wordprocessingml.document.main"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "a.xlsx",
            office("spreadsheetml.sheet.main"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "a.pptx",
            office("presentationml.presentation.main"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        # The content decides, whatever the name says.
        ("รายงาน.pdf", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("a.docx", plain_zip(), None),
        ("a.docx", b"PK\x03\x04broken", None),
        ("a.pdf", b"<html><script>alert(1)</script>", None),
        ("a.jpg", b"MZ\x90\x00", None),
        ("a.pdf", b"", None),
    ],
)
def test_the_type_is_read_from_the_content(name, content, expected):
    upload = SimpleUploadedFile(name, content)
    assert sniff_content_type(upload) == expected
    assert upload.tell() == 0  # left ready to be stored


@pytest.mark.parametrize(
    "given, kept",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\สมชาย\\รายงาน.pdf", "รายงาน.pdf"),
        ("/var/www/.htaccess", "htaccess"),
        ("ชื่อ\x00แปลก\n.pdf", "ชื่อแปลก.pdf"),
        ("", "หลักฐาน"),
        ("..", "หลักฐาน"),
    ],
)
def test_only_the_last_part_of_a_path_like_name_is_kept(given, kept):
    assert clean_original_name(given) == kept
