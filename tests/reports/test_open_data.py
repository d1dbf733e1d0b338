import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.models import EvidenceLink, Framework
from tests.factories import (
    make_entry,
    make_measure,
    make_organisation,
    make_plan,
    make_publication,
    make_unit,
)

pytestmark = pytest.mark.django_db


def url(name, plan):
    return reverse(name, args=[plan.organisation.slug, plan.fiscal_year])


@pytest.fixture
def public(db):
    """An announced FY 2566 plan whose 6-month report is published, with one entry of each
    kind: approved in the round, approved with no day or percent, and approved after the
    round, a draft, one waiting for review, one returned; and a withdrawn measure."""
    org = make_organisation(slug="opendata", name_th="องค์การบริหารส่วนตำบลข้อมูลเปิด")
    plan = make_plan(org, 2566, announced_on=date(2022, 10, 20))
    measure = make_measure(
        plan,
        number=1,
        title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
        units=[make_unit(org, "กองคลัง")],
        deadline=date(2023, 9, 30),
        deadline_precision="month",
    )
    measure.questions.set(Framework.objects.get(fiscal_year=2565).questions.filter(code="O21"))
    measure.steps.create(order=1, label="๓.๑", text="ประกาศแผนจัดซื้อ")
    quiet = make_measure(plan, number=2, title="มาตรการที่ยังไม่มีผล")
    withdrawn = make_measure(plan, number=3, title="มาตรการที่ถอนแล้ว")
    approved = make_entry(
        measure, date(2023, 1, 10), description="อนุมัติแล้วในรอบ", review_state="approved"
    )
    EvidenceLink.objects.create(entry=approved, url="https://example.go.th/a", title="ประกาศ")
    make_entry(
        measure,
        date(2023, 2, 1),
        status="",
        percent=None,
        date_precision="month",
        description="ผลจากรายงานเดิม",
        review_state="approved",
    )
    make_entry(measure, date(2023, 5, 1), description="หลังรอบหกเดือน", review_state="approved")
    make_entry(measure, date(2023, 1, 11), description="ฉบับร่าง", review_state="draft")
    make_entry(measure, date(2023, 1, 12), description="รออนุมัติ", review_state="submitted")
    make_entry(measure, date(2023, 1, 13), description="ส่งกลับแก้ไข", review_state="returned")
    make_entry(withdrawn, date(2023, 1, 14), description="ของมาตรการที่ถอน", review_state="approved")
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    make_publication(plan, kind="progress-6")
    unannounced = make_plan(org, 2567)
    make_measure(unannounced, number=1, title="มาตรการที่ยังไม่ประกาศ")
    return plan, quiet, unannounced


def _rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_has_public_measures_and_only_approved_progress_of_published_rounds(client, public):
    plan, _quiet, _unannounced = public

    response = client.get(url("reports:open-data-csv", plan))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="measures-opendata-2566.csv"' in response["Content-Disposition"]
    header, *rows = _rows(response)
    assert header[:3] == ["มาตรการที่", "ประเด็น", "มาตรการ/แนวทาง"]
    described = [row[header.index("ผลการดำเนินการ")] for row in rows]
    assert described == ["อนุมัติแล้วในรอบ", "ผลจากรายงานเดิม", ""]
    first = dict(zip(header, rows[0], strict=True))
    assert first["ข้อคำถาม"] == "O21" and first["ผู้รับผิดชอบ"] == "กองคลัง"
    assert first["ขั้นตอน"] == "๓.๑. ประกาศแผนจัดซื้อ"
    assert (first["กำหนดเวลาแล้วเสร็จ"], first["ความละเอียดของกำหนดเวลา"]) == ("2023-09-30", "month")
    assert (first["วันที่ดำเนินการ"], first["ร้อยละความสำเร็จ"]) == ("2023-01-10", "50")
    assert first["หลักฐาน"] == "https://example.go.th/a"
    unknown = dict(zip(header, rows[1], strict=True))
    assert (unknown["ความละเอียดของวันที่"], unknown["สถานะ"], unknown["ร้อยละความสำเร็จ"]) == (
        "month",
        "",
        "",
    )
    assert rows[2][header.index("มาตรการ/แนวทาง")] == "มาตรการที่ยังไม่มีผล"


def test_the_json_holds_the_same_measures_and_progress(client, public):
    plan, _quiet, _unannounced = public

    response = client.get(url("reports:open-data-json", plan))

    assert response.status_code == 200
    data = json.loads(response.content)
    assert (data["organisation"]["slug"], data["fiscal_year"], data["framework_year"]) == (
        "opendata",
        2566,
        2565,
    )
    assert data["announced_on"] == "2022-10-20" and data["published_rounds"] == [6]
    assert [m["number"] for m in data["measures"]] == [1, 2]
    assert data["measures"][0]["questions"][0]["code"] == "O21"
    progress = data["progress"]
    assert [p["description"] for p in progress] == ["อนุมัติแล้วในรอบ", "ผลจากรายงานเดิม"]
    assert progress[1]["percent"] is None and progress[1]["date_precision"] == "month"
    assert progress[0]["links"] == [{"title": "ประกาศ", "url": "https://example.go.th/a"}]
    assert "ฉบับร่าง" not in response.content.decode()


@pytest.mark.parametrize("name", ["reports:open-data-csv", "reports:open-data-json"])
def test_an_unannounced_plan_has_no_open_data(client, public, name):
    _plan, _quiet, unannounced = public

    response = client.get(url(name, unannounced))

    assert response.status_code == 404
    assert "มาตรการที่ยังไม่ประกาศ" not in response.content.decode()


def test_the_public_organisation_page_links_the_downloads(client, public):
    plan, _quiet, unannounced = public

    page = client.get(reverse("reports:organisation", args=["opendata"])).text

    assert (
        url("reports:open-data-csv", plan) in page and url("reports:open-data-json", plan) in page
    )
    assert url("reports:open-data-csv", unannounced) not in page


def test_the_api_serves_an_approved_entry_that_gave_no_percent(client, public):
    plan, _quiet, _unannounced = public

    response = client.get(reverse("api:progress", args=["opendata", plan.fiscal_year]))

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["percent"], i["date_precision"]) for i in items][1] == (None, "month")


@pytest.mark.parametrize("name", ["reports:open-data-csv", "reports:open-data-json"])
def test_a_download_asks_the_same_queries_however_many_measures(client, public, name):
    plan, quiet, _unannounced = public

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(name, plan)).status_code == 200
        return len(captured)

    few = queries()
    for number in (7, 8):
        more = make_measure(plan, number=number, units=list(quiet.units.all()))
        more.steps.create(order=1, text="ขั้นตอน")
        make_entry(more, date(2023, 3, 1), review_state="approved")

    assert queries() == few
