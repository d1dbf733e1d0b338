"""Evidence uploads: the type is read from the file's first bytes, never from its name.

A file named รายงาน.pdf that is really an executable or an HTML page is refused: the browser of
whoever downloads it later must get exactly what the type says.
"""

import logging
import zipfile
from contextlib import contextmanager
from pathlib import PurePath

from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
ALLOWED_TEXT = "PDF, รูปภาพ (JPG, PNG, GIF) หรือเอกสาร Office (Word, Excel, PowerPoint)"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc / .xls / .ppt
_OFFICE_MAIN = {
    # [Content_Types].xml names the main part of each Office Open XML document kind.
    "wordprocessingml.document.main": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "spreadsheetml.sheet.main": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "presentationml.presentation.main": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
_OLE_BY_SUFFIX = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}


def sniff_content_type(upload):
    """The MIME type the content proves, or None when it is none of the accepted kinds."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(_OLE):
        # The OLE container is the same for all three; its name says which program opens it.
        suffix = PurePath(getattr(upload, "name", "") or "").suffix.lower()
        return _OLE_BY_SUFFIX.get(suffix, "application/msword")
    if head.startswith(b"PK\x03\x04"):
        return _office_open_xml_type(upload)
    return None


def _office_open_xml_type(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
                return None
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    for marker, content_type in _OFFICE_MAIN.items():
        if marker in types:
            return content_type
    return None


def clean_original_name(name):
    """The name to show and offer on download: the last path part only, no control characters."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return base[:200] or "หลักฐาน"


@contextmanager
def written_files_deleted_on_failure(storage=default_storage):
    """Yield a list for the names of files the block writes; if the block raises, delete them.

    Wrapped around a transaction, a save that rolls back (a second upload hitting a full disk, a
    failed check) leaves no file behind that no row names. on_commit cannot do this: it never
    runs on rollback. Put a name in the list before writing, as a half-written file stays too."""
    written = []
    try:
        yield written
    except BaseException:
        for name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete %s, written by a save that failed", name)
        raise
