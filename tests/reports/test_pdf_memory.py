"""The render child's memory cap: a document that needs more fails in Thai, the server lives on."""

import pytest

from reports import pdf

LONG_RESULT = "<p>" + "ดำเนินการตามมาตรการ " * 10000 + "</p>"


def test_a_render_that_needs_more_than_its_memory_cap_is_refused_in_thai(settings):
    settings.PDF_RENDER_MEMORY_MB = 32
    # Python's MemoryError gives the memory message; a C library that cannot get memory (a
    # thread stack for Pango) ends the child, which gives the general one. Either way: refused.
    with pytest.raises(pdf.DocumentRenderError, match=r"หน่วยความจำเกินกำหนด|ไม่สำเร็จ"):
        pdf.render_pdf(LONG_RESULT)


def test_a_document_renders_within_the_default_cap(settings):
    settings.PDF_RENDER_MEMORY_MB = 1024
    assert pdf.render_pdf("<p>" + "ดำเนินการตามมาตรการ " * 500 + "</p>").startswith(b"%PDF-")
