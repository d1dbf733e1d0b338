"""The DOCX working copies of the demo plan's documents, opened with python-docx: every text
the PDF prints (the same context), in Thai digits, on A4 with the table in a landscape
section, header rows repeated, and TH Sarabun New set for Thai (the complex script) too."""

import io
import re
from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from measures.models import Framework
from measures.results.analysis import approaches_save
from reports.documents import KINDS, LAYOUTS, document_context
from reports.docx import FALLBACK_FONT, FONT, document_docx, docx_from_context
from reports.docx_analysis import analysis_docx
from tests.factories import demo_plan_rolled_back, make_measure, make_organisation, make_plan
from tests.measures.results.test_analysis import saved_result
from tests.reports.test_pdf_text_engines import other_texts, table_texts

pytestmark = pytest.mark.django_db

URL = re.compile(r"https?://\S+")
A4_TWIPS = (11906, 16838)  # as Word writes A4
DOCUMENTS = [(kind, layout) for kind in KINDS for layout in LAYOUTS]


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker):
    """{(kind, layout): (python-docx Document, context)} of the demo plan, made once."""
    result = {}
    with demo_plan_rolled_back(django_db_blocker) as plan:
        for kind, layout in DOCUMENTS:
            data, doc = document_docx(plan, kind, layout, on=date(2023, 4, 4))
            result[kind, layout] = (docx.Document(io.BytesIO(data)), doc)
    return result


def row_flags(row):
    """The row's properties (w:tblHeader, w:cantSplit, …) by tag."""
    trpr = row._tr.trPr
    return set() if trpr is None else {child.tag for child in trpr}


def body_paragraphs(document):
    return [p.text for p in document.paragraphs]


def cell_paragraphs(document):
    return [
        p.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
    ]


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_every_cell_text_of_the_context_is_a_paragraph_of_the_table(documents, kind, layout):
    document, doc = documents[kind, layout]
    printed = set(cell_paragraphs(document))
    expected = list(table_texts(doc))
    assert len(expected) > 50
    assert [text for text in expected if text not in printed] == []


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_the_announcement_titles_headers_and_headings_are_printed(documents, kind, layout):
    document, doc = documents[kind, layout]
    printed = "\n".join(body_paragraphs(document) + cell_paragraphs(document))
    assert [text for text in other_texts(doc) if text not in printed] == []
    paragraphs = body_paragraphs(document)
    assert f"ประกาศ{doc['organisation']['name']}" in paragraphs
    assert f"เรื่อง {doc['title']}" in paragraphs
    assert f"({doc['announcement']['signatory_name']})" in paragraphs
    assert doc["announcement"]["signatory_position"] in paragraphs
    assert f"ประกาศ ณ วันที่ {doc['announcement']['date']}" in paragraphs
    assert doc["table_title"] in paragraphs
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == doc["columns"]


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_numbers_are_thai_digits_except_in_urls(documents, kind, layout):
    document, _doc = documents[kind, layout]
    texts = body_paragraphs(document) + cell_paragraphs(document)
    assert any(re.search("[๐-๙]", text) for text in texts)
    assert [text for text in texts if re.search("[0-9]", URL.sub("", text))] == []


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_a4_announcement_in_portrait_and_the_table_in_a_landscape_section(documents, kind, layout):
    document, _doc = documents[kind, layout]
    first, table = document.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert (first.page_width.twips, first.page_height.twips) == A4_TWIPS
    assert table.orientation == WD_ORIENT.LANDSCAPE
    assert (table.page_height.twips, table.page_width.twips) == A4_TWIPS
    # The section break closes the announcement (and cover): the table comes after it.
    body = list(document.element.body)
    breaks = [n for n, el in enumerate(body) if el.find(f".//{qn('w:sectPr')}") is not None]
    tables = [n for n, el in enumerate(body) if el.tag == qn("w:tbl")]
    assert len(breaks) == 1 and tables and min(tables) > breaks[0]


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_the_header_row_repeats_and_short_rows_do_not_break_across_pages(documents, kind, layout):
    document, _doc = documents[kind, layout]
    (table,) = document.tables
    header, *rows = table.rows
    assert qn("w:tblHeader") in row_flags(header)
    assert not any(qn("w:tblHeader") in row_flags(row) for row in rows)
    whole = [row for row in rows if qn("w:cantSplit") in row_flags(row)]
    assert len(whole) > len(rows) // 2


@pytest.mark.parametrize(("kind", "layout"), DOCUMENTS)
def test_every_cell_is_as_wide_as_its_column_fitted_to_the_text(documents, kind, layout):
    document, doc = documents[kind, layout]
    (table,) = document.tables
    columns = [column.width for column in table.columns]
    assert [round(w.cm * 100 / 26.7) for w in columns] == doc["widths"]
    # Word lays a fixed table out by the cells' own widths (w:tcW), LibreOffice by the grid.
    rows = [row._tr.tc_lst for row in table.rows if len(row._tr.tc_lst) == len(columns)]
    assert len(rows) > 1 and all([tc.width for tc in row] == columns for row in rows)


def test_a_row_taller_than_a_page_may_break_across_pages():
    plan = make_plan(make_organisation())
    make_measure(plan, number=1, title="มาตรการสั้น")
    make_measure(plan, number=2, title="มาตรการยาว", issue="\n".join(["ประเด็นยาวมาก"] * 60))
    document = docx.Document(io.BytesIO(document_docx(plan, "measures", "plan")[0]))
    rows = {row.cells[2].paragraphs[0].text: row for row in document.tables[0].rows}
    assert qn("w:cantSplit") in row_flags(rows["มาตรการที่ ๑ มาตรการสั้น"])
    assert qn("w:cantSplit") not in row_flags(rows["มาตรการที่ ๒ มาตรการยาว"])


def test_the_font_is_th_sarabun_new_for_thai_too_with_sarabun_as_its_stand_in(documents):
    document, _doc = documents["progress-12", "plan"]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
    assert not [name for name in fonts.attrib if "heme" in name]  # no theme font overrides it
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == rpr.find(qn("w:szCs")).get(qn("w:val"))
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    font_table = next(
        rel.target_part.blob
        for rel in document.part.rels.values()
        if rel.reltype.endswith("fontTable")
    ).decode()
    assert f'w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>' in font_table


def test_bold_and_sizes_are_set_for_the_complex_script_as_well(documents):
    document, doc = documents["measures", "plan"]
    subject = next(p for p in document.paragraphs if p.text == f"เรื่อง {doc['title']}")
    run = subject.runs[0]._r.rPr
    assert run.find(qn("w:b")) is not None and run.find(qn("w:bCs")) is not None
    for run in (r._r for p in document.paragraphs for r in p.runs):
        sizes = [run.find(f"{qn('w:rPr')}/{qn(tag)}") for tag in ("w:sz", "w:szCs")]
        assert (sizes[0] is None) == (sizes[1] is None)


def test_the_emblem_is_on_the_announcement(plan):
    document = docx.Document(io.BytesIO(document_docx(plan, "measures")[0]))
    (emblem,) = document.inline_shapes
    assert round(emblem.height.cm, 1) == 3.0
    assert document.paragraphs[0].runs[0]._r.find(f".//{qn('w:drawing')}") is not None


def test_typed_line_breaks_and_the_closing_sections_are_kept(plan):
    measure = plan.measures.get()
    measure.monitoring = "รายงานผู้บริหารทุกเดือน\r\nติดตามผลทุกไตรมาส"
    measure.save()
    plan.round_notes.create(months=6, problems="งบประมาณน้อย\r\nบุคลากรไม่พอ")
    doc = document_context(plan, "progress-6", "summary", on=date(2023, 4, 4))
    document = docx.Document(io.BytesIO(docx_from_context(doc)))
    cells = cell_paragraphs(document)
    assert "รายงานผู้บริหารทุกเดือน" in cells and "ติดตามผลทุกไตรมาส" in cells
    paragraphs = body_paragraphs(document)
    start = paragraphs.index("ปัญหา อุปสรรค")
    assert paragraphs[start : start + 3] == ["ปัญหา อุปสรรค", "งบประมาณน้อย", "บุคลากรไม่พอ"]


def test_without_a_cover_the_table_follows_the_announcement(plan):
    with_cover = docx.Document(io.BytesIO(document_docx(plan, "measures")[0]))
    without = docx.Document(io.BytesIO(document_docx(plan, "measures", cover=False)[0]))
    assert "จัดทำโดย" in "\n".join(body_paragraphs(with_cover))
    assert "จัดทำโดย" not in "\n".join(body_paragraphs(without))


def test_the_analysis_prints_its_context_and_the_headings_of_its_pdf_in_portrait():
    org = make_organisation(
        name_th="องค์การบริหารส่วนตำบลทุ่งวิเคราะห์",
        executive_name="นายทดสอบ วิเคราะห์ดี",
        executive_position="นายกองค์การบริหารส่วนตำบลทุ่งวิเคราะห์",
    )
    approaches_save(result=saved_result(org), texts={"O42": "ประกาศมาตรการภายใน 30 วัน"})
    measure = make_measure(make_plan(org, 2566), number=1, title="มาตรการรอบ 6 เดือน")
    measure.questions.add(
        Framework.objects.get(fiscal_year=2565, version=1).questions.get(code="O20")
    )
    data, doc = analysis_docx(organisation=org, plan_year=2566, on=date(2022, 10, 4))
    document = docx.Document(io.BytesIO(data))
    paragraphs = body_paragraphs(document)
    cells = cell_paragraphs(document)
    for heading in ("๑. หลักการและเครื่องมือการประเมิน", "๔. ประเด็นที่ต้องแก้ไขโดยเร่งด่วน"):
        assert any(p.startswith(heading) for p in paragraphs)
    assert doc["title"] in paragraphs and doc["principles"] in paragraphs
    assert f"ได้คะแนนรวม {doc['total']} คะแนน อยู่ในระดับ {doc['rating']}" in paragraphs
    assert "ประกาศ ณ วันที่ ๔ ตุลาคม พ.ศ. ๒๕๖๕" in paragraphs
    assert "(นายทดสอบ วิเคราะห์ดี)" in paragraphs
    for indicator in doc["indicators"]:
        assert indicator["name"] in cells and indicator["score"] in cells
    assert "ประกาศมาตรการภายใน ๓๐ วัน" in cells
    assert any(cell.startswith("๑. มาตรการรอบ ๖ เดือน") for cell in cells)
    assert [text for text in paragraphs + cells if re.search("[0-9]", text)] == []
    assert all(s.orientation == WD_ORIENT.PORTRAIT for s in document.sections)
    assert len(document.tables) >= 5
    assert all(qn("w:tblHeader") in row_flags(table.rows[0]) for table in document.tables)
    scores = [
        cell.paragraphs[0]
        for table in document.tables
        for row in table.rows[1:]
        for cell in row.cells
        if cell.text == doc["indicators"][0]["score"]
    ]
    assert scores and all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in scores)
