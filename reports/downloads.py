"""Downloads of working copies (not publications), named in Thai for the person saving them."""

from urllib.parse import quote

from django.http import HttpResponse

from .docx import CONTENT_TYPE as DOCX_CONTENT_TYPE


def docx_response(data, *, name, fallback):
    """A DOCX download named ``name`` (Thai, RFC 5987 ``filename*``); ``fallback`` is the ASCII
    name for clients that read only ``filename``."""
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    )
    response["Cache-Control"] = "no-store"
    return response
