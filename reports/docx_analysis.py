"""The analysis document as DOCX: its announcement and cover from the context, as every
document's, and its body from the same HTML the PDF is made of (analysis_html), so the
headings, sentences and table headers written in templates/reports/pdf/analysis.html have
one source. The body is portrait like the PDF's, its tables in the text."""

import lxml.html

from .analysis_document import analysis_context, analysis_html
from .documents import emblem_path
from .docx import add_paragraph, add_row, docx_from_context, table_of

TEXT_CM = 16  # portrait A4 less the 3 cm and 2 cm margins
NUMBER_CM = 2.2  # a score or rank column, as pdf.css
ANALYSIS_TABLE_SIZE = 14
NUMBERS = {"num", "rank"}  # analysis.html's classes of score and rank cells


def _text(element):
    """The element's text as printed: <br> is a line break, runs of spaces are one space."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(" ".join(line.split()) for line in element.text_content().split("\n"))


def _widths(header_cells, narrow):
    total = TEXT_CM / 2 if narrow else TEXT_CM
    numeric = [set(cell.classes) & NUMBERS for cell in header_cells]
    fixed = sum(NUMBER_CM for n in numeric if n)
    free = max(len(numeric) - sum(1 for n in numeric if n), 1)
    return [NUMBER_CM if n else (total - fixed) / free for n in numeric]


def _table(document, element):
    headers = element.findall("./thead/tr/th")
    widths = _widths(headers, "narrow" in element.classes)
    table = table_of(document, widths, [_text(th) for th in headers], size=ANALYSIS_TABLE_SIZE)
    for tr in element.findall("./tbody/tr"):
        tds = tr.findall("./td")
        cells = [[(_text(td), 1.0)] for td in tds]
        right = [n for n, td in enumerate(tds) if set(td.classes) & NUMBERS]
        add_row(table, widths, cells, size=ANALYSIS_TABLE_SIZE, right=right)
    add_paragraph(document, after=0.2)


def analysis_body(document, doc):
    """The analysis section of analysis.html, element by element."""
    page = lxml.html.fromstring(analysis_html(doc))
    (section,) = page.find_class("analysis")
    for element in section:
        if element.tag == "h2":  # the analysis begins a page, as in the PDF
            heading = add_paragraph(document, _text(element), size=18, bold=True, center=True)
            heading.paragraph_format.page_break_before = True
        elif element.tag == "h3":
            add_paragraph(document, _text(element), bold=True, keep=True, before=0.4, after=0.15)
        elif element.tag == "h4":
            add_paragraph(document, _text(element), bold=True, keep=True, before=0.2, after=0.1)
        elif element.tag == "p" and "org" in element.classes:
            add_paragraph(document, _text(element), center=True, after=0.3)
        elif element.tag == "p":
            add_paragraph(document, _text(element), first_line=1.5, after=0.2)
        elif element.tag == "table":
            _table(document, element)


def analysis_docx(*, organisation, plan_year, on=None, cover=True):
    """(DOCX bytes, context); AnalysisUnavailable with a Thai message, as analysis_pdf."""
    doc = analysis_context(organisation=organisation, plan_year=plan_year, on=on, cover=cover)
    return docx_from_context(doc, emblem=emblem_path(organisation)), doc
