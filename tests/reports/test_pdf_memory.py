"""The render child's memory cap: a document that needs more fails in Thai, the server lives on."""

import pytest

from reports import pdf

LONG_RESULT = "<p>" + "ดำเนินการตามมาตรการ " * 20000 + "</p>"


def test_a_render_that_needs_more_than_its_memory_cap_gives_a_thai_error(settings):
    settings.PDF_RENDER_MEMORY_MB = 32
    with pytest.raises(pdf.DocumentRenderError, match="หน่วยความจำเกินกำหนด"):
        pdf.render_pdf(LONG_RESULT)


def test_a_document_renders_within_the_default_cap(settings):
    settings.PDF_RENDER_MEMORY_MB = 1024
    assert pdf.render_pdf("<p>" + "ดำเนินการตามมาตรการ " * 500 + "</p>").startswith(b"%PDF-")
