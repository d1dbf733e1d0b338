"""How the measures table falls on pages, read from WeasyPrint's own layout of the document.

The demo plan is padded with measures of varied length so that page breaks fall in every kind
of place: after heading rows, inside rows, inside paragraphs."""

import re
from datetime import date
from itertools import pairwise

import pytest
from pythainlp.corpus import thai_words
from pythainlp.tokenize import subword_tokenize, word_tokenize
from weasyprint.formatting_structure import boxes

from measures.models import EvidenceLink, MeasureStep, Unit
from reports import pdf
from reports.documents import LAYOUTS, document_context, document_html
from tests.factories import demo_plan_rolled_back, make_entry, make_measure

PHRASES = [
    "จัดประชุมชี้แจงผู้นำชุมชนเรื่องการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
    "เผยแพร่รายงานผลการใช้จ่ายงบประมาณบนเว็บไซต์ของหน่วยงานทุกไตรมาส",
    "ปรับปรุงช่องทางรับเรื่องร้องเรียนการทุจริตให้ประชาชนเข้าถึงได้สะดวก",
    "ผู้บริหารกำชับให้เจ้าหน้าที่ปฏิบัติตามประมวลจริยธรรมอย่างเคร่งครัด",
    "ตรวจสอบการใช้ทรัพย์สินของราชการและจัดทำทะเบียนควบคุมให้เป็นปัจจุบัน",
]
LONG_UNIT = "กองส่งเสริมคุณภาพชีวิตและสวัสดิการสังคมและสิ่งแวดล้อม"
pytestmark = pytest.mark.django_db  # also makes pytest-django create the test database

THAI_END = re.compile(r"[\u0e01-\u0e4f]+$")
THAI_START = re.compile(r"^[\u0e01-\u0e4f]+")


def text(n, parts):
    return " ".join(PHRASES[(n + i) % len(PHRASES)] for i in range(parts))


def pad_plan(plan, count=18):
    """Measures whose issue, steps and results vary in length from one to the next; the first
    is a unit's whose name is one word too long to keep whole (thai.kept_whole)."""
    questions = list(plan.framework.questions.order_by("tool__order", "order"))
    long_unit = Unit.objects.create(organisation=plan.organisation, name=LONG_UNIT, order=99)
    for n in range(count):
        measure = make_measure(
            plan,
            number=100 + n,
            title=text(n, 1),
            issue=text(n + 1, 1 + n % 4),
            monitoring=text(n + 2, 1),
            all_units=n > 0,
            units=[] if n else [long_unit],
        )
        measure.questions.set(questions[(7 * n) % len(questions) :][: 1 + n % 3])
        for order in range(1, 2 + n % 5):
            MeasureStep.objects.create(measure=measure, order=order, text=text(n + order, 1))
        for e in range(n % 6):
            entry = make_entry(
                measure,
                date(2022, 10 + e, 5 + n) if e < 3 else date(2023, e, 5 + n),
                description=text(n + e, 1 + e % 3),
                review_state="approved",
            )
            EvidenceLink.objects.create(
                entry=entry, url=f"https://example.go.th/ita/2566/{n}/{e}", title="ภาพกิจกรรม"
            )


@pytest.fixture(scope="module")
def layouts(django_db_setup, django_db_blocker):
    """{layout: laid-out WeasyPrint document} of the padded plan's 12-month report,
    "context": the plan layout's document context, and "demo": the plan layout of the demo
    plan's 12-month report as it is."""
    result = {}
    with demo_plan_rolled_back(django_db_blocker) as plan:
        # The demo plan as it is: a row kept whole ends at the foot of page 3.
        doc = document_context(plan, "progress-12", "plan", on=date(2023, 10, 5))
        result["demo"] = pdf.laid_out(document_html(doc))
        pad_plan(plan)
        for layout in LAYOUTS:
            doc = document_context(plan, "progress-12", layout, on=date(2023, 10, 5))
            result[layout] = pdf.laid_out(document_html(doc))
            result.setdefault("context", doc)
    return result


def body_rows(page):
    """(row box, is a heading row) of the page's table body, top to bottom."""
    for box in page._page_box.descendants():
        if isinstance(box, boxes.TableRowGroupBox) and not box.is_header:
            for row in box.children:
                classes = (row.element.get("class") or "").split()
                if "row-end" not in classes:  # the zero-height marker after each measure
                    yield row, "heading" in classes


def table_pages(document):
    return [p for p in document.pages if any(True for _ in body_rows(p))]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_table_runs_over_several_landscape_pages_after_a_portrait_announcement(layouts, layout):
    document = layouts[layout]
    first, tables = document.pages[0], table_pages(layouts[layout])
    assert first.width < first.height
    assert len(tables) >= 4
    assert all(page.width > page.height for page in tables)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_table_page_repeats_the_header_row(layouts, layout):
    for page in table_pages(layouts[layout]):
        headers = [
            box
            for box in page._page_box.descendants()
            if isinstance(box, boxes.TableRowGroupBox) and box.is_header
        ]
        assert len(headers) == 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_page_ends_with_a_heading_row(layouts, layout):
    for number, page in enumerate(table_pages(layouts[layout]), start=1):
        rows = list(body_rows(page))
        assert not rows[-1][1], f"table page {number} ends with a heading row"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_row_continued_on_the_next_page_shows_three_lines_first(layouts, layout):
    pages = table_pages(layouts[layout])
    continued = 0
    for number, (page, following) in enumerate(pairwise(pages), start=1):
        last_row, _ = list(body_rows(page))[-1]
        first_row, _ = next(body_rows(following))
        if first_row.element is not last_row.element:
            continue
        continued += 1
        cell = last_row.children[0]
        line = cell.style["font_size"] * cell.style["line_height"]  # a ratio in pdf.css
        assert last_row.height >= 3 * line, f"a sliver of a row ends table page {number}"
    assert continued, "the padded plan should split at least one row between pages"


def margin_texts(page):
    return [
        box.text
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox) and "(ต่อ)" in box.text
    ]


@pytest.mark.parametrize("document", [*LAYOUTS, "demo"])
def test_a_page_that_continues_a_row_names_its_measure_and_no_other_page_does(layouts, document):
    pages = table_pages(layouts[document])
    continued = 0
    for number, (page, following) in enumerate(pairwise(pages), start=2):
        last_row, _ = list(body_rows(page))[-1]
        first_row, _ = next(body_rows(following))
        if first_row.element is last_row.element:
            continued += 1
            assert margin_texts(following) == [last_row.element.get("data-continued")], number
        else:
            # The demo's page 4 said "มาตรการที่ ๓ (ต่อ)" after a whole row (pdf.css tr.whole).
            assert margin_texts(following) == [], f"table page {number} continues nothing"
    assert continued or document == "demo"


def with_rows(doc, rows):
    group = {"title": "ก", "sections": [{"title": "", "rows": rows}]}
    return {**doc, "cover": False, "groups": [group]}


def test_a_row_never_starts_with_one_line_of_one_cell_at_a_page_end(layouts):
    """A filler row takes all but the last few lines of the first table page; the row after
    it has a one-line unit cell beside long cells. Whatever room is left (swept line by line),
    the second row either shows three lines there or starts on the next page."""
    doc = layouts["context"]
    template = doc["groups"][0]["sections"][0]["rows"][0]
    result = {"date": "๑ ม.ค. ๒๕๖๖", "text": "ผล", "status": "", "percent": "", "links": []}
    long_text = " ".join(PHRASES)
    second = {
        **template,
        "whole": False,  # a long row, which may split (a short one moves whole)
        "units": ["กองคลัง"],
        "questions": [long_text],
        "issue": "",
        "steps": [{"number": "๑", "text": long_text}],
        "monitoring": long_text,
        "results": [{**result, "text": long_text}],
    }

    def pages_with(lines):
        filler = {**template, "whole": False, "units": ["กองช่าง"], "results": [result] * lines}
        html = document_html(with_rows(doc, [filler, second]))
        return table_pages(pdf.laid_out(html))

    # How many one-line results fill the first table page, found by overfilling it.
    first = pages_with(80)[0]
    filler_row = next(row for row, heading in body_rows(first) if not heading)
    fitting = sum(
        1 for box in filler_row.children[-1].descendants() if isinstance(box, boxes.LineBox)
    )
    starts = []
    for lines in range(fitting - 5, fitting):
        page = pages_with(lines)[0]
        rows = [row for row, heading in body_rows(page) if not heading]
        if len(rows) == 2:
            cell = rows[1].children[0]
            line = cell.style["font_size"] * cell.style["line_height"]
            assert rows[1].height >= 3 * line, f"a sliver after {lines} filler lines"
            starts.append(lines)
    assert starts, "the second row should start on the first page in some of the cases"


def line_joins(document):
    """(left, right) runs of Thai letters that meet at a line break with no space between."""
    for page in document.pages:
        for box in page._page_box.descendants():
            lines = [c for c in getattr(box, "children", []) if isinstance(c, boxes.LineBox)]
            if len(lines) < 2 or box.element is None:
                continue
            source = " ".join("".join(box.element.itertext()).split())
            position, previous = 0, None
            for line in lines:
                shown = "".join(
                    t.text for t in line.descendants() if isinstance(t, boxes.TextBox)
                ).strip()
                start = source.find(shown, position)
                assert start >= 0, f"line {shown!r} not found in {source!r}"
                if previous is not None and start == position:  # no space at the break
                    left, right = THAI_END.search(previous), THAI_START.match(shown)
                    if left and right:
                        yield left.group(), right.group()
                previous, position = shown, start + len(shown)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_thai_lines_break_only_between_words(layouts, layout):
    """Each break inside a run of Thai letters leaves a dictionary word on either side and
    never splits a character cluster (a consonant from its vowels and tone marks)."""
    words = thai_words()
    joins = list(line_joins(layouts[layout]))
    assert len(joins) > 100
    wrong = []
    for left, right in joins:
        clusters, end = set(), 0
        for cluster in subword_tokenize(left + right, engine="tcc"):
            end += len(cluster)
            clusters.add(end)
        last = word_tokenize(left, engine="newmm")[-1]
        first = word_tokenize(right, engine="newmm")[0]
        if len(left) not in clusters or last not in words or first not in words:
            wrong.append(f"{left}|{right}")
    assert wrong == []


def classes(row):
    return (row.element.get("class") or "").split()


def text_lines(box):
    """The lines of ``box`` that print some text."""
    return sum(
        1
        for line in box.descendants()
        if isinstance(line, boxes.LineBox)
        and any(isinstance(t, boxes.TextBox) and t.text.strip() for t in line.descendants())
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_only_long_rows_split_and_the_next_page_never_starts_with_a_fragment(layouts, layout):
    """A short row moves whole; a long one brings at least three lines to the next page."""
    pages = table_pages(layouts[layout])
    rows = [row for page in pages for row, heading in body_rows(page) if not heading]
    assert any("whole" in classes(row) for row in rows)
    continued = 0
    for number, (page, following) in enumerate(pairwise(pages), start=1):
        last_row, _ = list(body_rows(page))[-1]
        first_row, _ = next(body_rows(following))
        if first_row.element is not last_row.element:
            continue
        continued += 1
        assert "whole" not in classes(last_row), f"a short row split after table page {number}"
        lines = max(text_lines(cell) for cell in first_row.children)
        assert lines >= 3, f"table page {number + 1} starts with {lines} line(s) of a row"
    assert continued


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_text_runs_out_of_its_cell(layouts, layout):
    """A unit's name breaks between its words only (|unbroken): its column is made as wide as
    the longest word (columns.unbroken_width), or ศาสนาและวัฒนธรรม prints over the next cell;
    a word too long for that breaks between Thai words."""
    groups = layouts["context"]["groups"]
    rows = [row for group in groups for section in group["sections"] for row in section["rows"]]
    units = {unit for row in rows for unit in row["units"]}
    assert {"กองการศึกษา ศาสนาและวัฒนธรรม", LONG_UNIT} <= units
    assert layouts["context"]["widths"][1] <= 20  # percent: LONG_UNIT may break
    out = []
    for page in table_pages(layouts[layout]):
        for row, _heading in body_rows(page):
            for cell in row.children:
                right = cell.content_box_x() + cell.width
                out += [
                    text.text
                    for text in cell.descendants()
                    if isinstance(text, boxes.TextBox)
                    and text.position_x + text.width > right + 0.5
                ]
    assert out == []
