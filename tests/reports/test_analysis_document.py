"""The analysis document: rendered once, read back by pdftotext like the other documents."""

import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from measures.models import Framework
from measures.results.analysis import approaches_save
from reports.analysis_document import AnalysisUnavailable, analysis_context, analysis_pdf
from tests.factories import (
    catalog_ensure,
    make_measure,
    make_member,
    make_organisation,
    make_plan,
    make_unit,
)
from tests.measures.results.test_analysis import saved_result
from tests.reports.test_pdf_documents import pdffonts, pdftotext, squeeze

APPROACH = "จัดทำและประกาศมาตรการภายใน 30 วัน พร้อมกำหนดผู้รับผิดชอบดำเนินการ ครู ดูแล ฤดู ค้ำ"
MEASURE_TITLE = "มาตรการเปิดเผยรายงานการใช้จ่ายงบประมาณรอบ 6 เดือน"


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf") / "analysis.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_ensure()
        org = make_organisation(
            name_th="องค์การบริหารส่วนตำบลทุ่งวิเคราะห์",
            executive_name="นายทดสอบ วิเคราะห์ดี",
            executive_position="นายกองค์การบริหารส่วนตำบลทุ่งวิเคราะห์",
        )
        office = make_unit(org, "สำนักปลัด")
        result = saved_result(org)
        approaches_save(result=result, texts={"O42": APPROACH})
        framework = Framework.objects.get(fiscal_year=2565, version=1)
        measure = make_measure(make_plan(org, 2566), number=1, title=MEASURE_TITLE, units=[office])
        measure.questions.add(framework.questions.get(code="O20"))
        data, doc = analysis_pdf(organisation=org, plan_year=2566, on=date(2022, 10, 4))
        yield doc, data, pdftotext(data, tmp), pdffonts(data, tmp)
        transaction.set_rollback(True)


def test_only_embedded_sarabun_fonts_are_used(rendered):
    fonts = rendered[3]
    assert fonts
    assert all("+Sarabun" in line.split()[0] and line.split()[-5] == "yes" for line in fonts)


def test_title_organisation_years_and_total_are_printed_in_thai_digits(rendered):
    text = squeeze(rendered[2])
    for expected in (
        "ประกาศองค์การบริหารส่วนตำบลทุ่งวิเคราะห์",
        "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "ประกาศ ณ วันที่ ๔ ตุลาคม พ.ศ. ๒๕๖๕",
        "ได้คะแนนรวม ๗๙.๘๗ คะแนน อยู่ในระดับ B",
        "OIT แบบตรวจการเปิดเผยข้อมูลสาธารณะ ๔๐.๐๐",
    ):
        assert squeeze(expected) in text, expected


def test_indicators_weak_questions_approaches_and_measures_extract_back_exactly(rendered):
    doc, _, text, _ = rendered
    extracted = squeeze(text)
    assert [i["name"] for i in doc["indicators"]][:2] == [
        "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่",
        "ตัวชี้วัดที่ ๓ การใช้อำนาจ",
    ]
    for indicator in doc["indicators"]:
        assert squeeze(f"{indicator['rank']} {indicator['name']} {indicator['score']}") in extracted
    for item in doc["weakest"]:
        assert squeeze(item["question"]) in extracted
    assert squeeze(APPROACH.replace("30", "๓๐")) in extracted
    assert squeeze(MEASURE_TITLE.replace("6", "๖")) in extracted
    assert "ดำเนินการ" in text and "ดาเนินการ" not in text


def test_no_arabic_digit_and_thai_page_numbers(rendered):
    text = rendered[2]
    assert not re.search(r"[0-9]", squeeze(text))
    pages = text.split("\f")
    assert "๓" in [line.strip() for line in pages[2].splitlines()]
    assert "๔" in [line.strip() for line in pages[3].splitlines()]


@pytest.mark.django_db
def test_without_a_scored_result_there_is_no_analysis_and_the_command_says_so(tmp_path):
    org = make_organisation()
    with pytest.raises(AnalysisUnavailable, match="ยังไม่มีผลการประเมิน ITA ปี ๒๕๖๕"):
        analysis_context(organisation=org, plan_year=2566)
    with pytest.raises(CommandError, match="ยังไม่มีผลการประเมิน"):
        call_command(
            "render_document",
            "--org",
            org.slug,
            "--year",
            "2566",
            "--kind",
            "analysis",
            "-o",
            str(tmp_path / "x.pdf"),
        )


@pytest.mark.django_db
def test_an_executive_previews_the_analysis_pdf_of_the_plan_year(client):
    org = make_organisation()
    saved_result(org)
    client.force_login(make_member(org, "executive"))
    url = reverse("reports:analysis-preview-pdf", kwargs={"slug": org.slug, "year": 2566})
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # The year before has no result: back to the results with the reason.
    earlier = client.get(url.replace("2566", "2565"), follow=True)
    assert "ยังไม่มีผลการประเมิน ITA ปี ๒๕๖๔" in earlier.content.decode()
