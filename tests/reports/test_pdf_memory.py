"""The render child's memory cap: a document that needs more fails in Thai, the server lives on."""

import tempfile
from pathlib import Path

import pytest
from PIL import Image

from reports import pdf

pytestmark = pytest.mark.sqlite_only  # renders HTML given here: no database involved


def in_sarabun(body):
    """``body`` in the bundled font: else each Thai glyph is a .notdef that WeasyPrint logs."""
    font = pdf.asset_urls()["regular"]
    style = f"@font-face {{ font-family: S; src: url({font}) }} p {{ font-family: S }}"
    return f"<style>{style}</style>{body}"


def test_a_render_that_needs_more_than_its_memory_cap_is_refused_in_thai(settings, tmp_path):
    # An emblem of 6,000 × 6,000 pixels: 200 KB as PNG, 108 MB once decoded. (Long text was
    # no sure test: a child forked from a worker that has rendered before reuses the heap it
    # inherited, and 10,000 words fitted in 32 MB more.)
    emblem = tmp_path / "emblem.png"
    Image.new("RGB", (6000, 6000), "white").save(emblem)
    settings.PDF_RENDER_MEMORY_MB = 32
    html = f'<img src="{pdf.asset_urls(emblem)["emblem"]}">'
    # Python's MemoryError gives the memory message; a C library that cannot get memory (a
    # thread stack for Pango) ends the child, which gives the general one. Either way: refused.
    with pytest.raises(pdf.DocumentRenderError, match=r"หน่วยความจำเกินกำหนด|ไม่สำเร็จ"):
        pdf.render_pdf(html, emblem_path=emblem)


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
