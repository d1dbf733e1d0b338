"""The demo plan's documents, read back by the text engines of the viewers people use.

PDFium (Chrome, Edge, Android), MuPDF (SumatraPDF, mobile readers), pdfminer.six (Python text
mining, crawlers) and poppler's pdftotext (Evince, Okular, search indexers) must each give back
every text a document prints, exactly (NFKC, whitespace ignored). Each document is rendered
once for the module and read once per engine.

poppler's default (reading-order) mode is the strictest reader of the table: it runs the lines
of two neighbouring cells into each other when their texts stand less than an em apart (pdf.css
td's padding) or a name overflows its cell (columns.unbroken_width), and drops a hyphen that
ends a line (|hyphens_unbroken)."""

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from functools import cache

import pymupdf
import pypdfium2
import pytest
import uharfbuzz
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_text

from measures.models import RoundNotes
from measures.results.analysis import approaches_save, result_analyse
from reports import pdf, pdf_fonts
from reports.analysis_document import analysed_result, analysis_pdf
from reports.documents import KINDS, LAYOUTS, cell_texts, document_pdf
from tests.factories import demo_plan_rolled_back

# The module fixture's SQLite test database only exists once a django_db test has asked for it.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]

ORGANISATION = "องค์การบริหารส่วนตำบลทุ่งดาวเรือง"
PROSE = " ".join(["เจ้าหน้าที่ยืม-คืนพัสดุโดยไม่บันทึกในทะเบียน ต้องกำชับให้ปฏิบัติตามระเบียบอย่างเคร่งครัด"] * 4)


def squeeze(text):
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdftotext(path, *options):
    command = [shutil.which("pdftotext"), *options, str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode()


def pdfium(path):
    # A hyphen ending a line after a letter would come back as U+FFFE (|hyphens_unbroken).
    pages = pypdfium2.PdfDocument(path)
    return "".join(page.get_textpage().get_text_range() for page in pages)


ENGINES = {
    "PDFium": pdfium,
    "MuPDF": lambda path: "".join(page.get_text() for page in pymupdf.open(path)),
    "pdfminer": lambda path: extract_text(str(path)),
    "poppler -raw": lambda path: pdftotext(path, "-raw"),
    "poppler": pdftotext,
}


def table_texts(doc):
    """Every paragraph of every cell, as the rows print them."""
    if doc["kind"] == "analysis":
        yield from analysis_table_texts(doc)
        return
    for group in doc["groups"]:
        for section in group["sections"]:
            for row in section["rows"]:
                for cell in cell_texts(row, doc["layout"], doc["is_progress"]):
                    yield from (text for text, _size in cell)


def analysis_table_texts(doc):
    for tool in doc["tools"]:
        yield from (f"{tool['code']} {tool['name']}", tool["weight"])
    for band in doc["bands"]:
        yield from (band["rating"], band["min"])
    for indicator in doc["indicators"]:
        yield from (indicator["rank"], indicator["name"], indicator["score"])
    items = [*doc["weakest"], *(item for group in doc["by_tool"] for item in group["items"])]
    for item in items:
        yield from (item["question"], item["score"], *item["approach"].splitlines())
    for measure in doc["measures"]:
        yield from (f"{measure['number']}. {measure['title']}", measure["units"], measure["period"])


def other_texts(doc):
    """The announcement, titles, table headers and group headings."""
    yield doc["organisation"]["name"]
    yield doc["title"]
    if doc["kind"] == "analysis":
        yield from doc["announcement"]["paragraphs"]
        yield from (doc["announcement"]["signatory_name"], doc["principles"], doc["total"])
        yield from (group["tool"] for group in doc["by_tool"])
        return
    yield doc["table_title"]
    yield from doc["intro"].splitlines()
    yield from (text for section in doc["closing"] for text in section["paragraphs"])
    yield from doc["announcement"]["paragraphs"]
    yield doc["announcement"]["signatory_name"]
    yield from doc["columns"]
    for group in doc["groups"]:
        yield group["title"]
        yield from (section["title"] for section in group["sections"] if section["title"])


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(kind, layout): (pdf path, context)} of the demo plan."""
    folder = tmp_path_factory.mktemp("engines")
    result = {}
    with demo_plan_rolled_back(django_db_blocker) as plan:
        # What the coordinator types: hyphens that may end a line, a line break.
        plan.intro = f"{PROSE} - ทบทวนทุกปี\nตามแผนปฏิบัติการป้องกันการทุจริต"
        plan.save(update_fields=["intro"])
        for months in (6, 12):
            RoundNotes.objects.create(
                plan=plan, months=months, problems=f"{PROSE} - งบประมาณจำกัด", suggestions=PROSE
            )
        for kind in KINDS:
            for layout in LAYOUTS:
                data, doc = document_pdf(plan, kind, layout, on=date(2023, 4, 4))
                path = folder / f"{kind}-{layout}.pdf"
                path.write_bytes(data)
                result[kind, layout] = (path, doc)
        # The analysis of the result the next year's plan answers, with typed approaches.
        organisation, plan_year = plan.organisation, plan.fiscal_year + 1
        analysis = result_analyse(
            result=analysed_result(organisation=organisation, plan_year=plan_year)
        )
        approaches_save(
            result=analysis.result,
            texts={
                item.question.code: f"ประชุมชี้แจงภายใน ๓๐ วัน ครั้งที่ {n}\nดู https://example.go.th/ita"
                for n, item in enumerate(analysis.weak_items, start=1)
            },
        )
        data, doc = analysis_pdf(
            organisation=organisation, plan_year=plan_year, on=date(2023, 10, 4)
        )
        path = folder / "analysis.pdf"
        path.write_bytes(data)
        result["analysis", "plan"] = (path, doc)
    return result


@cache
def read(engine, path):
    return squeeze(ENGINES[engine](path))


def missing(documents, engine):
    """{document: texts the engine does not give back}, for the documents that miss any."""
    result = {}
    for key, (path, doc) in documents.items():
        extracted = read(engine, path)
        lost = [text for text in all_texts(doc) if squeeze(text) not in extracted]
        if lost:
            result[key] = lost
    return result


def all_texts(doc):
    yield from other_texts(doc)
    yield from table_texts(doc)


@pytest.mark.parametrize("engine", list(ENGINES))
def test_every_text_of_every_document_reads_back_exactly_in(engine, documents):
    assert missing(documents, engine) == {}


def test_the_texts_cover_digits_urls_headings_and_bold_text(documents):
    texts = " ".join(text for _, doc in documents.values() for text in all_texts(doc))
    assert re.search("[๐-๙]", texts)
    assert "https://" in texts
    assert "ตัวชี้วัดที่" in texts
    assert "ผู้รับผิดชอบ" in texts  # a bold table header


@pytest.mark.parametrize("engine", ["PDFium", "MuPDF"])
def test_sara_am_reads_as_sara_am_without_normalising(engine, documents):
    for path, _doc in documents.values():
        text = ENGINES[engine](path)
        assert ORGANISATION in text
        assert "ดำเนินการ" in text
        assert "\u030e" not in text


def to_unicode_maps(path):
    document = pymupdf.open(path)
    for xref in range(1, document.xref_length()):
        kind, value = document.xref_get_key(xref, "ToUnicode")
        if kind == "xref":
            yield document.xref_stream(int(value.split()[0])).decode()


def test_every_glyph_of_every_document_stands_for_some_text(documents):
    # PDFium and MuPDF read an empty entry as the glyph's id: "ด̎ำเนินการ".
    for path, _doc in documents.values():
        maps = list(to_unicode_maps(path))
        assert maps
        for cmap in maps:
            assert re.search(r"<[0-9a-f]+> <[0-9a-f]+>", cmap)
            assert not re.search(r"<[0-9a-f]+> <>", cmap)


# --- the page looks the same: our font against the file on disk ---------------------------

CONSONANTS = [chr(code) for code in range(0x0E01, 0x0E2F)]
SYLLABLES = [
    consonant + vowel + tone + final
    for consonant in CONSONANTS
    for vowel in ("", "ิ", "ี", "ึ", "ื", "ั", "็", "ุ", "ู", "ฺ")
    for tone in ("", "่", "้", "๊", "๋", "์")
    for final in ("", "ำ")
    if not (final and vowel)
]
WORDS = [
    ORGANISATION,
    "ผู้รับผิดชอบ ตัวชี้วัดที่ ๑ ประเด็นที่ต้องปรับปรุงแก้ไข น้ำ ค้ำ ต่ำ ปี่ ฝั่ง ฟื้น ญี่ ฐุ ฎุ",
    "ำ ่ 1ำ a่ (ITA) https://example.go.th/ita?year=2566 Ćé ñ ö",
]


def shaper(font, ligatures=()):
    """text → the outline points HarfBuzz draws, per glyph, and the advance; a glyph named in
    ``ligatures`` counts as its components."""
    data = io.BytesIO()
    font.save(data)
    shaped = uharfbuzz.Font(uharfbuzz.Face(data.getvalue()))
    order, glyf = font.getGlyphOrder(), font["glyf"]

    @cache
    def points(name):
        return list(glyf[name].getCoordinates(glyf)[0])

    def drawn(text):
        buffer = uharfbuzz.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(shaped, buffer, {})
        result, pen = [], 0
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            name = order[info.codepoint]
            x, y = pen + position.x_offset, position.y_offset
            parts = glyf[name].components if name in ligatures else [None]
            for part in parts:
                at = (part.glyphName, x + part.x, y + part.y) if part else (name, x, y)
                result.append((at[0], [(px + at[1], py + at[2]) for px, py in points(at[0])]))
            pen += position.x_advance
        return sorted(result), pen

    return drawn


@pytest.mark.parametrize("filename", sorted(pdf.FONT_FILES.values()))
def test_every_glyph_lands_where_the_font_on_disk_puts_it(filename):
    original = TTFont(pdf_fonts.FONT_DIR / filename)
    ours = TTFont(io.BytesIO(pdf_fonts.pdf_font(filename)))
    added = set(ours.getGlyphOrder()) - set(original.getGlyphOrder())
    assert added  # the SARA AM ligatures
    before, after = shaper(original), shaper(ours, added)
    for text in [*SYLLABLES, *WORDS]:
        assert after(text) == before(text), text


@pytest.mark.parametrize("filename", sorted(pdf.FONT_FILES.values()))
def test_only_marks_move_their_origin_and_only_by_the_shift(filename):
    original = TTFont(pdf_fonts.FONT_DIR / filename)
    ours = TTFont(io.BytesIO(pdf_fonts.pdf_font(filename)))
    classes = original["GDEF"].table.GlyphClassDef.classDefs
    for name in original.getGlyphOrder():
        before = list(original["glyf"][name].getCoordinates(original["glyf"])[0])
        after = list(ours["glyf"][name].getCoordinates(ours["glyf"])[0])
        if classes.get(name) == 3 and before:
            shift = pdf_fonts.MARK_SHIFT
            assert after == [(x + shift, y) for x, y in before], name
            assert ours["hmtx"][name][0] == shift, name
        else:
            assert after == before, name
            assert ours["hmtx"][name] == original["hmtx"][name], name
