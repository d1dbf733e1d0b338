"""The three documents of the demo plan, read back with real PDF tools (poppler).

Each document is rendered once for the whole module: PDFs are slow, the assertions are not."""

import html
import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from itaportal import thai
from measures.models import EvidenceLink, MeasureStep
from reports import pdf
from reports.documents import (
    KINDS,
    LAYOUTS,
    cell_texts,
    document_context,
    document_html,
    document_pdf,
)
from tests.factories import demo_plan_rolled_back, make_entry, make_measure

TRICKY_ISSUE = "น้ำประปาที่ผู้รับบริการนั้นต้องกำหนดคุณภาพ ครู ดูแล ฤดู ต่ำ ค้ำ ทุ่ง (Q&A, e-Service)"
TRICKY_STEPS = [
    "จัดทำแผนการดำเนินการทุกสำนัก/กอง ภายใน 30 วัน",
    "เผยแพร่บนเว็บไซต์ https://example.go.th/ita?year=2566&q=1 และ Facebook",
]
APRIL_FIRST = "ประชุมชี้แจงผู้นำชุมชนเรื่องน้ำดื่มสะอาด เมื่อวันที่ 1 เม.ย."
DRAFT_TEXT = "ร่างที่ยังไม่ส่งอนุมัติห้ามปรากฏ"
RETURNED_TEXT = "ผลที่ถูกส่งกลับแก้ไขห้ามปรากฏ"
SUBMITTED_TEXT = "ผลที่รออนุมัติห้ามปรากฏ"
PAYLOADS = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://127.0.0.1:8000/x.css">',
    "@import url(http://127.0.0.1/evil.css);",
    '<style>@import "file:///etc/hostname";</style>',
]
EVIDENCE_URL = "https://thungdaoruang.example.go.th/water-2566?id=7"
# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082"
)


def squeeze(text):
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdftotext(data, tmp):
    tmp.write_bytes(data)
    command = [shutil.which("pdftotext"), "-raw", str(tmp), "-"]
    out = subprocess.run(command, capture_output=True, check=True)
    return out.stdout.decode()


def pdffonts(data, tmp):
    tmp.write_bytes(data)
    out = subprocess.run([shutil.which("pdffonts"), str(tmp)], capture_output=True, check=True)
    return out.stdout.decode().splitlines()[2:]


def add_tricky_measure(plan):
    measure = make_measure(
        plan,
        number=99,
        title="มาตรการน้ำดื่มสะอาดสำหรับผู้สูงอายุ",
        issue=TRICKY_ISSUE,
        all_units=True,
        monitoring="ปลัดฯ กำกับติดตามทุกเดือน",
    )
    for order, text in enumerate(TRICKY_STEPS, start=1):
        MeasureStep.objects.create(measure=measure, order=order, text=text)
    approved = make_entry(
        measure, date(2023, 4, 1), description=APRIL_FIRST, review_state="approved"
    )
    EvidenceLink.objects.create(entry=approved, url=EVIDENCE_URL, title="ภาพกิจกรรม")
    make_entry(measure, date(2023, 2, 1), description=DRAFT_TEXT, review_state="draft")
    make_entry(measure, date(2023, 2, 2), description=RETURNED_TEXT, review_state="returned")
    make_entry(measure, date(2023, 2, 3), description=SUBMITTED_TEXT, review_state="submitted")
    for n, payload in enumerate(PAYLOADS):
        make_entry(measure, date(2022, 12, 1 + n), description=payload, review_state="approved")
    return measure


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(kind, layout): (context, pdf bytes, text)} for the demo plan plus a tricky measure."""
    tmp = tmp_path_factory.mktemp("pdf") / "doc.pdf"
    result = {}
    with demo_plan_rolled_back(django_db_blocker) as plan:
        add_tricky_measure(plan)
        for kind in KINDS:
            for layout in LAYOUTS:
                data, doc = document_pdf(plan, kind, layout, on=date(2023, 4, 4))
                result[kind, layout] = (doc, data, pdftotext(data, tmp))
        result["fonts"] = pdffonts(result["progress-12", "plan"][1], tmp)
    return result


def all_docs(rendered):
    return [(key, value) for key, value in rendered.items() if key != "fonts"]


def texts_of(doc):
    """Every issue, step and result text the document prints."""
    for group in doc["groups"]:
        for section in group["sections"]:
            for row in section["rows"]:
                yield row["title"]
                if row["issue"]:
                    yield row["issue"]
                yield from (step["text"] for step in row["steps"])
                yield from (result["text"] for result in row["results"])


def test_the_width_fitting_reads_exactly_what_the_rows_print(rendered):
    for (_kind, layout), (doc, _, _) in all_docs(rendered):
        shown = squeeze(html.unescape(re.sub(r"<[^>]+>", " ", document_html(doc))))
        for group in doc["groups"]:
            for section in group["sections"]:
                for row in section["rows"]:
                    monitoring_column = doc["monitoring_column"]
                    cells = cell_texts(
                        row, layout, doc["is_progress"], monitoring_column=monitoring_column
                    )
                    for cell in cells:
                        for text, _size in cell:
                            assert squeeze(text) in shown, text


def test_only_embedded_sarabun_fonts_are_used(rendered):
    fonts = rendered["fonts"]
    assert fonts
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert "+Sarabun" in name, line
        assert emb == "yes", line


def test_every_issue_step_and_result_text_extracts_back_exactly(rendered):
    for (kind, layout), (doc, _, text) in all_docs(rendered):
        extracted = squeeze(text)
        for expected in texts_of(doc):
            assert squeeze(expected) in extracted, (kind, layout, expected)


def test_sara_am_and_stacked_marks_survive_in_every_document(rendered):
    for _, (_, _, text) in all_docs(rendered):
        assert squeeze(TRICKY_ISSUE) in squeeze(text)
        # The raw text, before NFKC (which itself splits ำ): the PDF gives back U+0E33.
        assert "ดำเนินการ" in text and "ดาเนินการ" not in text
        assert "กำร" not in text  # the SARA AA glyph never reads as SARA AM


def test_organisation_year_and_round_are_printed_in_thai_digits(rendered):
    for (kind, _), (_, _, text) in all_docs(rendered):
        extracted = squeeze(text)
        assert squeeze("ประกาศองค์การบริหารส่วนตำบลทุ่งดาวเรือง") in extracted
        assert squeeze("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖") in extracted
        assert squeeze("ประกาศ ณ วันที่ ๔ เมษายน พ.ศ. ๒๕๖๖") in extracted
        if kind != "measures":
            months = thai.to_thai_digits(kind.removeprefix("progress-"))
            assert squeeze(f"รอบ {months} เดือน") in extracted


def urls_of(doc):
    for text in texts_of(doc):
        yield from re.findall(r"https?://\S+", text)
    for group in doc["groups"]:
        for section in group["sections"]:
            for row in section["rows"]:
                for result in row["results"]:
                    yield from (link["url"] for link in result["links"])


def test_no_arabic_digit_outside_urls(rendered):
    for key, (doc, _, text) in all_docs(rendered):
        extracted = squeeze(text)
        for url in sorted(set(urls_of(doc)), key=len, reverse=True):
            extracted = extracted.replace(squeeze(url), "")
        assert not re.search(r"[0-9]", extracted), (key, re.findall(r".{20}[0-9].{5}", extracted))


def test_the_six_month_report_excludes_work_of_1_april_and_the_twelve_month_includes_it(rendered):
    for layout in LAYOUTS:
        six = squeeze(rendered["progress-6", layout][2])
        twelve = squeeze(rendered["progress-12", layout][2])
        april = squeeze(thai.to_thai_digits(APRIL_FIRST))
        assert april not in six
        assert april in twelve
        assert squeeze("๑ เม.ย. ๒๕๖๖") in twelve


def test_draft_submitted_and_returned_entries_never_appear(rendered):
    for _, (_, _, text) in all_docs(rendered):
        extracted = squeeze(text)
        for hidden in (DRAFT_TEXT, RETURNED_TEXT, SUBMITTED_TEXT):
            assert squeeze(hidden) not in extracted


def test_the_measures_plan_prints_no_results_column(rendered):
    doc, _, text = rendered["measures", "plan"]
    assert "การดำเนินการ" not in doc["columns"]
    assert squeeze(APRIL_FIRST) not in squeeze(text)


def test_injection_payloads_stay_literal_text(rendered):
    _, _, text = rendered["progress-12", "plan"]
    extracted = squeeze(text)
    for payload in PAYLOADS:
        assert squeeze(payload) in extracted


def test_page_numbers_are_thai_digits(rendered):
    _, _, text = rendered["progress-12", "plan"]
    pages = text.split("\f")
    assert len(pages) >= 4
    assert pages[2].strip().endswith("\n๓")
    assert pages[3].strip().endswith("\n๔")


@pytest.mark.django_db
def test_rendering_fetches_nothing_but_our_assets(monkeypatch):
    """The payloads reach the template as text: the fetcher is never asked for them."""
    from tests.factories import make_organisation, make_plan

    plan = make_plan(make_organisation())
    add_tricky_measure(plan)
    doc = document_context(plan, "progress-12", "plan")
    asked = []

    class Recording(pdf.AssetFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    data = pdf.render_pdf_bytes(document_html(doc), fetcher=Recording())
    assert data.startswith(b"%PDF")
    assert asked
    assert all(url.startswith(pdf.SCHEME) for url in asked), asked


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.com/x.css",
        "data:text/css,body{}",
        "ita-asset:font/../../etc/passwd",
        "ita-asset:emblem",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    fetcher = pdf.AssetFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_the_emblem_only_when_given(tmp_path):
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(b"png")
    assert pdf.AssetFetcher(str(emblem)).fetch("ita-asset:emblem").read() == b"png"


def test_a_render_over_the_time_limit_gives_a_thai_error():
    html = "<p>" + "ดำเนินการ " * 20000 + "</p>"
    with pytest.raises(pdf.DocumentRenderError, match="ใช้เวลานานเกินกำหนด"):
        pdf.render_pdf(html, timeout=0.05)


def test_a_failing_render_gives_a_thai_error(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pdf, "render_pdf_bytes", broken)
    with pytest.raises(pdf.DocumentRenderError, match="ไม่สำเร็จ"):
        pdf.render_pdf("<p>x</p>")


@pytest.mark.django_db
def test_the_uploaded_emblem_is_the_one_image_of_the_announcement(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_organisation, make_plan

    settings.MEDIA_ROOT = tmp_path
    org = make_organisation()
    org.emblem.save("emblem.png", SimpleUploadedFile("emblem.png", PNG), save=True)
    plan = make_plan(org)
    make_measure(plan, number=1, title="มาตรการเดียว")
    data, _ = document_pdf(plan, "measures", "plan", cover=False)
    out = tmp_path / "emblem.pdf"
    out.write_bytes(data)
    listing = subprocess.run(
        [shutil.which("pdfimages"), "-list", str(out)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    images = [line.split() for line in listing if line.split()[2] == "image"]
    assert len(images) == 1
    assert images[0][0] == "1"  # on the announcement page
