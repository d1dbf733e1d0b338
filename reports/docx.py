"""Word (DOCX) working copies of the official documents, for organisations that edit and sign
in Word: a second writer of the same context as the PDF (documents.document_context,
analysis_document.analysis_context), so texts, numbering, wording and Thai digits come from
one place. Every cell prints the paragraphs documents.cell_texts gives, as the PDF's rows do.

A DOCX is never a publication: only the PDF is published.

Thai is a complex script in Word: a font, size or bold set for Latin text only (w:ascii,
w:sz, w:b) is ignored for Thai, so every setting is also given for complex scripts (w:cs,
w:szCs, w:bCs). TH Sarabun New draws smaller than the PDF's Sarabun at the same size: sizes
here are those of Thai official documents (16 pt text), not the PDF's.
"""

import io

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from lxml import etree

from itaportal import thai

from .columns import TABLE_CM, row_lines
from .documents import cell_texts, document_context, emblem_path

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "TH Sarabun New"
FALLBACK_FONT = "Sarabun"  # the PDF's font, for a computer without TH Sarabun New
TEXT_SIZE = 16
TABLE_SIZE = 14
TABLE_STYLE = "Table Text"
TABLE_STYLE_ID = "TableText"  # python-docx looks a style up by name slowly: cells use the id
A4 = (Cm(21), Cm(29.7))
# A row estimated (columns.row_lines) at more lines than a landscape page holds under the
# header row may break across pages: Word cuts off a row that must not break but does not fit.
LINES_PER_PAGE = 20
TITLE_CELL = {"plan": 2, "summary": 0}  # the cell whose first paragraph is the measure's title
# What follows a property in its parent, in the schema's order (Word refuses a file whose
# elements are out of order).
RPR_AFTER_SIZE = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText")
RPR_AFTER_SIZE += ("w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout")
SECTPR_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg")
SECTPR_AFTER_PGNUMTYPE += ("w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")


# --- fonts and paragraphs ----------------------------------------------------


def _fonts(rpr, size=None):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]  # a theme font would win over the named one
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    if size:
        for tag in ("w:sz", "w:szCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(round(size * 2)))
            rpr.insert_element_before(element, *RPR_AFTER_SIZE)


def _run(paragraph, text, *, size=None, bold=False):
    """Runs of ``text``; a typed line break stays a line break."""
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if n:
            run._r.insert(len(run._r) - 1, OxmlElement("w:br"))
        rpr = run._r.get_or_add_rPr()
        if bold:
            for tag in ("w:b", "w:bCs"):
                rpr.append(OxmlElement(tag))
        if size:
            for tag in ("w:sz", "w:szCs"):
                element = OxmlElement(tag)
                element.set(qn("w:val"), str(round(size * 2)))
                rpr.append(element)


def add_paragraph(
    where, text="", *, size=None, bold=False, center=False, keep=False, rule=False, **spacing
):
    """A paragraph (``rule``: a line under it); ``spacing``: left, right, first_line, before,
    after in cm."""
    paragraph = where.add_paragraph()
    if rule:  # first, as python-docx puts what it sets after it in the schema's order
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="8" w:space="1"/></w:pBdr>'
            )
        )
    form = paragraph.paragraph_format
    form.space_after = Cm(spacing.get("after", 0))
    form.space_before = Cm(spacing.get("before", 0))
    for name in ("left", "right", "first_line"):
        if name in spacing:
            setattr(form, f"{name}_indent", Cm(spacing[name]))
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    form.keep_with_next = keep or None
    if text:
        _run(paragraph, text, size=size, bold=bold)
    return paragraph


def _font_table(document):
    """Name Sarabun as the stand-in for TH Sarabun New in the font table (w:altName)."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("fontTable")
    )
    fonts = parse_xml(part.blob)
    fonts.append(
        parse_xml(
            f'<w:font {nsdecls("w")} w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>'
            '<w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        )
    )
    # python-docx keeps a part it does not model as bytes, with no setter.
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def _new_document(title, author):
    document = docx.Document()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, size=TEXT_SIZE)
    rpr.find(qn("w:lang")).set(qn("w:bidi"), "th-TH")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    for style in document.styles:
        if style.element.rPr is not None:  # e.g. Table Grid, headings: no font of their own
            _fonts(style.element.rPr)
    _font_table(document)
    # Table text in a style of its own: an empty cell or a paragraph mark is then as high as
    # the text, and one change in Word resizes every table.
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert style.style_id == TABLE_STYLE_ID
    style.base_style = document.styles["Normal"]
    _fonts(style.element.get_or_add_rPr(), size=TABLE_SIZE)
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.top_margin = section.bottom_margin = section.right_margin = Cm(2)
    section.left_margin = Cm(3)
    document.core_properties.title = title
    document.core_properties.author = author
    return document


def _page_numbers(section):
    """Page numbers at the top centre, as the PDF's pages after the first; Word prints them in
    Thai digits (w:pgNumType thaiNumbers), LibreOffice 7.4 in Arabic ones."""
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    numbers = OxmlElement("w:pgNumType")
    numbers.set(qn("w:fmt"), "thaiNumbers")
    section._sectPr.insert_element_before(numbers, *SECTPR_AFTER_PGNUMTYPE)


# --- announcement and cover --------------------------------------------------


def _announcement(document, doc, emblem):
    if emblem:
        paragraph = add_paragraph(document, center=True, after=0.4)
        paragraph.add_run().add_picture(emblem, height=Cm(3))
    organisation = doc["organisation"]["name"]
    add_paragraph(document, f"ประกาศ{organisation}", bold=True, center=True)
    add_paragraph(document, f"เรื่อง {doc['title']}", bold=True, center=True, before=0.1)
    add_paragraph(document, rule=True, left=6, right=6, before=0.2, after=0.5)
    announcement = doc["announcement"]
    for text in announcement["paragraphs"]:
        add_paragraph(document, text, first_line=2.5, after=0.3)
    add_paragraph(document, f"ประกาศ ณ วันที่ {announcement['date']}", left=4.5, before=0.6)
    # Room to sign above the name, as on the printed announcement.
    # A preview without a signatory says so (snapshots made before "missing" have none).
    missing = announcement.get("missing", {})
    name = missing.get("name") or announcement["signatory_name"]
    position = f"({missing['position']})" if "position" in missing else None
    add_paragraph(document, f"({name})", center=True, left=3.5, before=2.2)
    add_paragraph(document, position or announcement["signatory_position"], center=True, left=3.5)


def _cover(document, doc):
    lines = doc["cover_lines"]
    first = add_paragraph(document, lines[0], size=28, bold=True, center=True, before=5)
    first.paragraph_format.page_break_before = True
    for line in lines[1:]:
        add_paragraph(document, line, size=28, bold=True, center=True)
    add_paragraph(
        document, f"ประจำปีงบประมาณ พ.ศ. {doc['fiscal_year']}", size=26, bold=True, center=True
    )
    if doc["is_progress"]:
        add_paragraph(document, f"{doc['round_label']} {doc['period_long']}", size=20, center=True)
    add_paragraph(document, doc["organisation"]["name"], size=24, bold=True, center=True, before=5)
    if doc["organisation"]["location"]:
        add_paragraph(document, doc["organisation"]["location"], size=20, center=True)
    add_paragraph(document, f"จัดทำโดย {doc['prepared_by']}", size=20, center=True, before=1)


# --- tables ------------------------------------------------------------------


def _shade(cell, fill):
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _row_flag(row, tag):
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def table_of(where, widths_cm, headers, *, size=TABLE_SIZE):
    """A bordered table of fixed column widths whose header row repeats on every page."""
    table = where.add_table(rows=1, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    header = table.rows[0]
    _row_flag(header, "w:tblHeader")
    _row_flag(header, "w:cantSplit")
    for cell, text, width in zip(header.cells, headers, widths_cm, strict=True):
        cell.width = Cm(width)  # Word reads a cell's own width, LibreOffice the grid's
        _shade(cell, "E8E8E8")
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0]._p.style = TABLE_STYLE_ID
        _run(cell.paragraphs[0], text, size=size, bold=True)
    return table


def add_row(table, widths_cm, cells, *, size=TABLE_SIZE, bold_first=(), right=()):
    """A row; ``cells``: per cell, a list of (text, size factor) paragraphs; the cells whose
    index is in ``bold_first`` print their first paragraph in bold, those in ``right`` are
    aligned right (scores)."""
    row = table.add_row()
    for n, (cell, paragraphs, width) in enumerate(zip(row.cells, cells, widths_cm, strict=True)):
        cell.width = Cm(width)
        for m, (text, factor) in enumerate(paragraphs):
            paragraph = cell.paragraphs[0] if m == 0 else cell.add_paragraph()
            paragraph._p.style = TABLE_STYLE_ID
            if n in right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(
                paragraph, text, size=round(size * factor * 2) / 2, bold=m == 0 and n in bold_first
            )
    return row


def _heading_row(table, title, *, fill=None):
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    if fill:
        _shade(cell, fill)
    # Keep a tool or indicator heading on the page of the measure under it.
    cell.paragraphs[0].paragraph_format.keep_with_next = True
    cell.paragraphs[0]._p.style = TABLE_STYLE_ID
    _row_flag(row, "w:cantSplit")
    _run(cell.paragraphs[0], title, size=TABLE_SIZE, bold=True)


def _landscape(document):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Cm(1.5))
    _page_numbers(section)
    return section


def _measures_table(document, doc):
    add_paragraph(document, doc["table_title"], size=18, bold=True, center=True, after=0.2)
    if doc["intro"]:
        add_paragraph(document, doc["intro"], first_line=1.5, after=0.3)
    count = len(doc["columns"])
    percents = doc["widths"] or [100 / count] * count
    widths = [TABLE_CM * p / 100 for p in percents]
    table = table_of(document, widths, doc["columns"])
    for group in doc["groups"]:
        _heading_row(table, group["title"], fill="F3F3F3")
        for section in group["sections"]:
            if section["title"]:
                _heading_row(table, section["title"])
            for row in section["rows"]:
                cells = cell_texts(
                    row,
                    doc["layout"],
                    doc["is_progress"],
                    monitoring_column=doc["monitoring_column"],
                )
                added = add_row(table, widths, cells, bold_first=(TITLE_CELL[doc["layout"]],))
                lengths = [[(thai.spacing_length(t), f) for t, f in cell] for cell in cells]
                if row_lines(lengths, percents) <= LINES_PER_PAGE:
                    _row_flag(added, "w:cantSplit")
    for closing in doc["closing"]:
        add_paragraph(document, closing["title"], bold=True, keep=True, before=0.4, after=0.1)
        for text in closing["paragraphs"]:
            add_paragraph(document, text, first_line=1.5)


# --- the documents -------------------------------------------------------------


def docx_from_context(doc, *, emblem=None):
    """DOCX bytes of a document context; ``emblem``: the emblem's file path, or None."""
    document = _new_document(doc["title"], doc["organisation"]["name"])
    _announcement(document, doc, emblem)
    if doc["cover"]:
        _cover(document, doc)
    if doc["kind"] == "analysis":
        from .docx_analysis import analysis_body

        analysis_body(document, doc)
    else:
        _landscape(document)
        _measures_table(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_docx(plan, kind, layout="plan", *, on=None, cover=True):
    """(DOCX bytes, context) of a plan's document, as document_pdf gives the PDF."""
    doc = document_context(plan, kind, layout, on=on, cover=cover)
    return docx_from_context(doc, emblem=emblem_path(plan.organisation)), doc
