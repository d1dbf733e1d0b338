"""Evidence uploads: the type is read from the file's first bytes, never from its name.

A file named รายงาน.pdf that is really an executable or an HTML page is refused: the browser of
whoever downloads it later must get exactly what the type says.
"""

import io
import logging
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from itaportal import thai

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


# Files are stored under the extension of the type their content proves, never the uploader's
# (a PNG named รายงาน.html is stored as .png and served as image/png).
SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}


class ImageRefused(ValueError):
    """An image the portal will not keep; ``str(e)`` is a Thai sentence for the uploader."""


def suffix_for(content_type):
    return SUFFIXES.get(content_type, ".bin")


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


def image_size(upload):
    """Width and height read from the image's header, without decoding its pixels."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # We count the pixels ourselves, against our own limit, just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                return image.size
    except Image.DecompressionBombError:
        return (Image.MAX_IMAGE_PIXELS, 3)  # more than twice Pillow's own limit: far too many
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused("อ่านไฟล์รูปภาพไม่ได้ ไฟล์อาจเสียหาย กรุณาเลือกไฟล์ใหม่") from error
    finally:
        upload.seek(0)


def check_image_pixels(upload, name):
    """Refuse an image whose header declares more pixels than MAX_IMAGE_PIXELS: a 17 KB PNG
    can declare 12,000 × 12,000 and cost over a gigabyte every time it is drawn."""
    width, height = image_size(upload)
    limit = settings.MAX_IMAGE_PIXELS
    if width * height > limit:
        raise ImageRefused(
            f"รูป “{thai.to_thai_digits(name)}” มีขนาด {thai.thai_number(width)} × "
            f"{thai.thai_number(height)} พิกเซล เกิน {thai.thai_number(limit)} พิกเซล "
            "กรุณาย่อขนาดรูปก่อนอัปโหลด"
        )


def reencoded_image(upload, name, *, keep_jpeg=True):
    """(the image decoded and saved again, its content type): what it declares is checked
    first, and nothing the uploader put around the pixels is kept (metadata such as a photo's
    GPS position, trailing bytes, a script). A photo stays JPEG, turned upright as its camera
    said; everything else becomes PNG."""
    content_type = sniff_content_type(upload)
    if content_type not in IMAGE_TYPES:
        raise ImageRefused("ไฟล์นี้ต้องเป็นรูปภาพ PNG, JPG หรือ GIF กรุณาเลือกไฟล์ใหม่")
    check_image_pixels(upload, name)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.seek(0)  # the first frame of an animated GIF
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            pixels = ImageOps.exif_transpose(image).convert("RGBA" if has_alpha else "RGB")
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused("อ่านไฟล์รูปภาพไม่ได้ ไฟล์อาจเสียหาย กรุณาเลือกไฟล์ใหม่") from error
    finally:
        upload.seek(0)
    out = io.BytesIO()
    if keep_jpeg and content_type == "image/jpeg":
        pixels.save(out, "JPEG", quality=90)
        return ContentFile(out.getvalue(), name="image.jpg"), "image/jpeg"
    pixels.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name="image.png"), "image/png"


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
