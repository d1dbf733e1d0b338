"""The render child's memory cap: a document that needs more fails in Thai, the server lives on."""

import tempfile
from pathlib import Path

import pytest

from reports import pdf

pytestmark = pytest.mark.sqlite_only  # renders HTML given here: no database involved

LONG_RESULT = "<p>" + "ดำเนินการตามมาตรการ " * 10000 + "</p>"


def in_sarabun(body):
    """``body`` in the bundled font: without it each Thai glyph is a .notdef that WeasyPrint logs,
    and the 10,000 words above took a minute of logging before the cap was reached."""
    font = pdf.asset_urls()["regular"]
    style = f"@font-face {{ font-family: S; src: url({font}) }} p {{ font-family: S }}"
    return f"<style>{style}</style>{body}"


def test_a_render_that_needs_more_than_its_memory_cap_is_refused_in_thai(settings):
    settings.PDF_RENDER_MEMORY_MB = 32
    # Python's MemoryError gives the memory message; a C library that cannot get memory (a
    # thread stack for Pango) ends the child, which gives the general one. Either way: refused.
    with pytest.raises(pdf.DocumentRenderError, match=r"หน่วยความจำเกินกำหนด|ไม่สำเร็จ"):
        pdf.render_pdf(in_sarabun(LONG_RESULT))


def test_a_document_renders_within_the_default_cap(settings):
    settings.PDF_RENDER_MEMORY_MB = 1024
    document = in_sarabun("<p>" + "ดำเนินการตามมาตรการ " * 500 + "</p>")
    assert pdf.render_pdf(document).startswith(b"%PDF-")


def test_a_render_leaves_no_temporary_font_folder_behind():
    # WeasyPrint copies each @font-face font into a weasyprint-* folder; a render child that
    # left them behind filled a server's /tmp by ~350 KB per preview.
    before = set(Path(tempfile.gettempdir()).glob("weasyprint-*"))
    assert pdf.render_pdf(in_sarabun("<p>ดำเนินการ</p>")).startswith(b"%PDF-")
    assert set(Path(tempfile.gettempdir()).glob("weasyprint-*")) == before
    assert not list(Path(tempfile.gettempdir()).glob("itaportal-render-*"))
