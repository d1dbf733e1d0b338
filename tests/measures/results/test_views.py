"""Entering a result: validate → preview (nothing saved) → confirm saves exactly what was shown."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import signing
from django.urls import reverse
from openpyxl import Workbook

from measures.forms.results import PREVIEW_SALT
from measures.models import DevelopmentApproach, ItaResult
from measures.results.analysis import approaches_save
from tests.factories import make_member, make_organisation
from tests.measures.results.test_analysis import saved_result

pytestmark = pytest.mark.django_db

YEAR = 2565
TEN = "\n".join(
    f"ตัวชี้วัดที่ {n} {s}"
    for n, s in enumerate(
        ["93.58", "88.21", "90.47", "85.12", "79.30", "86.67", "81.40", "78.95", "82.35", "62.50"],
        start=1,
    )
)


@pytest.fixture
def org():
    return make_organisation()


@pytest.fixture
def coordinator(client, org):
    client.force_login(make_member(org, "coordinator"))
    return client


def url(name, org, year=YEAR):
    return reverse(f"measures:{name}", kwargs={"slug": org.slug, "year": year})


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode())[1]


def test_an_outsider_gets_404_on_every_result_page(client, org):
    client.force_login(make_member(make_organisation(), "coordinator"))
    for name in ("ita-result", "ita-result-enter", "ita-result-import"):
        assert client.get(url(name, org)).status_code == 404
    assert client.post(url("ita-result-confirm", org), {"payload": "x"}).status_code == 404
    assert not ItaResult.objects.exists()


def test_executives_read_results_but_do_not_enter_them(client, org):
    client.force_login(make_member(org, "executive"))
    assert client.get(url("ita-result", org)).status_code == 200
    assert client.get(url("ita-result-enter", org)).status_code == 403
    assert client.post(url("ita-result-import", org), {"text": TEN}).status_code == 403


def test_the_form_is_laid_out_tool_then_indicator_then_question(coordinator, org):
    html = coordinator.get(url("ita-result-enter", org)).content.decode()
    positions = [
        html.index(text)
        for text in ("IIT แบบวัด", "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", 'name="q_i1"', "EIT แบบวัด")
    ]
    assert positions == sorted(positions)
    assert 'name="sub_9_1"' in html and 'name="q_O43"' in html


def test_typed_scores_are_previewed_unsaved_then_saved_as_shown(coordinator, org):
    data = {f"ind_{n}": "๘๕" for n in range(1, 10)} | {"ind_10": "84.90", "q_i1": "๗๐.๕"}
    preview = coordinator.post(url("ita-result-enter", org), data)
    assert preview.status_code == 200
    assert "ยังไม่ได้บันทึก" in preview.content.decode()
    assert "๘๔.๙๘" in preview.content.decode()  # 85 × 0.6 + 84.95 × 0.4
    assert not ItaResult.objects.exists()

    done = coordinator.post(url("ita-result-confirm", org), {"payload": payload_of(preview)})
    assert done.status_code == 302
    result = ItaResult.objects.get(organisation=org, fiscal_year=YEAR)
    assert (result.computed_total, result.computed_rating) == (Decimal("84.98"), "B")
    assert result.scores.get(question__code="i1").score == Decimal("70.50")


def test_a_score_out_of_range_is_refused_on_the_form(coordinator, org):
    response = coordinator.post(url("ita-result-enter", org), {"ind_1": "๑๒๐"})
    assert "ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐" in response.content.decode()
    assert not ItaResult.objects.exists()


def test_pasted_text_with_a_misnamed_indicator_saves_nothing(coordinator, org):
    text = TEN.replace("ตัวชี้วัดที่ 5 79.30", "การแก้ปัญหาการทุจริต 79.30")
    response = coordinator.post(url("ita-result-import", org), {"text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "บรรทัดที่ ๕ “การแก้ปัญหาการทุจริต 79.30”" in html
    assert "ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต" in html
    assert 'name="payload"' not in html
    assert not ItaResult.objects.exists()


def test_an_official_total_that_differs_is_shown_beside_the_computed_one(coordinator, org):
    text = TEN + "\nคะแนนรวม 80.10 ระดับ B"
    preview = coordinator.post(url("ita-result-import", org), {"text": text})
    assert "(๘๐.๑๐) ต่างจากคะแนนที่คำนวณจากคะแนนรายตัวชี้วัด (๗๙.๘๗)" in preview.content.decode()
    coordinator.post(url("ita-result-confirm", org), {"payload": payload_of(preview)})
    page = coordinator.get(url("ita-result", org)).content.decode()
    assert "(๘๐.๑๐) ต่างจากคะแนนที่คำนวณ" in page


def test_an_uploaded_xlsx_is_previewed_like_pasted_text(coordinator, org):
    book = Workbook()
    book.active.append(["ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", 82.35])
    out = BytesIO()
    book.save(out)
    out.name = "ผล.xlsx"
    out.seek(0)
    preview = coordinator.post(url("ita-result-import", org), {"file": out})
    assert "๘๒.๓๕" in preview.content.decode()
    assert not ItaResult.objects.exists()


def test_a_changed_or_foreign_preview_is_refused_and_nothing_saved(coordinator, org):
    preview = coordinator.post(url("ita-result-import", org), {"text": TEN})
    payload = payload_of(preview)
    tampered = payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB")
    other_year = coordinator.post(url("ita-result-confirm", org, 2566), {"payload": payload})
    changed = coordinator.post(url("ita-result-confirm", org), {"payload": tampered})
    assert other_year.status_code == changed.status_code == 302
    assert not ItaResult.objects.exists()
    other = make_organisation()
    forged = signing.dumps(
        {"org": other.slug, "year": YEAR, "typed": {"scores": {}}}, salt=PREVIEW_SALT
    )
    coordinator.post(url("ita-result-confirm", org), {"payload": forged})
    assert not ItaResult.objects.exists()


def analysed(org):
    return saved_result(org)


def test_the_coordinator_types_approaches_with_suggestions_and_saves_them(coordinator, org):
    analysed(org)
    page = coordinator.get(url("ita-result", org)).content.decode()
    assert 'name="approach_O42"' in page and "data-approach-for" in page
    assert "ข้อที่ต้องแก้ไขโดยเร่งด่วน" in page
    response = coordinator.post(
        url("ita-result-approaches", org), {"approach_O42": "ประกาศมาตรการ", "approach_e6": ""}
    )
    assert response.status_code == 302
    assert DevelopmentApproach.objects.get(question__code="O42").text == "ประกาศมาตรการ"


def test_an_approach_too_long_is_refused_with_nothing_saved(coordinator, org):
    analysed(org)
    response = coordinator.post(url("ita-result-approaches", org), {"approach_O42": "ก" * 3001})
    assert response.status_code == 200
    assert "ยาวเกิน ๓,๐๐๐ ตัวอักษร" in response.content.decode()
    assert not DevelopmentApproach.objects.exists()


def test_executives_read_the_approaches_without_a_form(client, org):
    result = analysed(org)
    approaches_save(result=result, texts={"O42": "ประกาศมาตรการภายในเดือนตุลาคม"})
    client.force_login(make_member(org, "executive"))
    page = client.get(url("ita-result", org)).content.decode()
    assert "ประกาศมาตรการภายในเดือนตุลาคม" in page
    assert 'name="approach_O42"' not in page
    assert client.post(url("ita-result-approaches", org), {"approach_O42": "x"}).status_code == 403


def test_the_analysis_page_reads_a_bounded_number_of_queries(
    coordinator, org, django_assert_max_num_queries
):
    ItaResult.objects.create(organisation=org, fiscal_year=2564, total_score=Decimal("70"))
    analysed(org)
    with django_assert_max_num_queries(25):
        page = coordinator.get(url("ita-result", org))
    assert "เปรียบเทียบกับผลการประเมินปีก่อน" in page.content.decode()
