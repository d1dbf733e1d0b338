"""The web import: coordinators only; preview saves nothing; confirm saves once; bad files get
a Thai message and change nothing; the template and the export download as .xlsx."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from itaportal import thai
from measures.models import Measure, MeasurePlan, ProgressEntry, Unit
from measures.plan_import.reading import MAX_BYTES
from tests.people import PASSWORD, world

from .examples import example_text

YEAR = 2566


def _url(name, org, **kwargs):
    return reverse(f"measures:{name}", kwargs={"slug": org.slug, **kwargs})


@pytest.fixture
def w(db):
    return world()


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


def _counts():
    return Measure.objects.count(), ProgressEntry.objects.count(), Unit.objects.count()


@pytest.mark.parametrize("who", ["outsider", "staff", "executive"])
def test_only_coordinators_may_import(client, w, who):
    _login(client, getattr(w, who))
    before = _counts()
    response = client.post(
        _url("plan-import", w.org, year=2567), {"text": example_text("por-2567-12-month.txt")}
    )
    assert response.status_code == (404 if who == "outsider" else 403)
    assert _counts() == before


def test_preview_saves_nothing_and_confirm_saves_once(client, w):
    _login(client, w.coordinator)
    before = _counts()
    response = client.post(
        _url("plan-import", w.org, year=2567), {"text": example_text("por-2567-12-month.txt")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ยืนยันนำเข้า ๑๔ มาตรการ" in page and "ทุกสำนัก/กอง" in page
    assert _counts() == before and not MeasurePlan.objects.filter(fiscal_year=2567).exists()
    payload = response.context["form"].initial["payload"]
    confirm = _url("plan-import-confirm", w.org, year=2567)
    response = client.post(confirm, {"payload": payload})
    assert response.status_code == 302
    plan = MeasurePlan.objects.get(organisation=w.org, fiscal_year=2567)
    assert plan.measures.count() == 14
    assert plan.framework.fiscal_year == 2566
    # Units were not to be created: สำนักปลัด stays in the responsible note.
    assert Unit.objects.count() == before[2]
    client.post(confirm, {"payload": payload, "create_units": "on"})
    assert plan.measures.count() == 14  # the same rows again add nothing


def test_unknown_units_are_listed_and_created_when_ticked(client, w):
    _login(client, w.coordinator)
    text = "มาตรการ\tผู้รับผิดชอบ\tระยะเวลา\nประชุมประจำเดือน\tกองคลัง/งานพัสดุ\tต.ค. ๖๕ - มี.ค. ๖๖"
    response = client.post(_url("plan-import", w.org, year=YEAR), {"text": text})
    assert response.context["preview"].unknown_units == ["งานพัสดุ"]
    payload = response.context["form"].initial["payload"]
    client.post(
        _url("plan-import-confirm", w.org, year=YEAR), {"payload": payload, "create_units": "on"}
    )
    measure = w.plan.measures.get(title="ประชุมประจำเดือน")
    assert sorted(measure.units.values_list("name", flat=True)) == ["กองคลัง", "งานพัสดุ"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.4", "รองรับเฉพาะไฟล์ .xlsx, .csv และ .txt"),
        ("plan.xlsx", b"not a zip", "อ่านไฟล์ Excel ไม่ได้"),
        ("plan.csv", b"a" * (MAX_BYTES + 1), "ไฟล์ใหญ่เกิน"),
        ("plan.csv", "ชื่อ,วันที่\nก,ข\n".encode(), "ไม่พบหัวตารางมาตรการ"),
        ("plan.csv", "มาตรการ,ผู้รับผิดชอบ,ระยะเวลา\nก,กองคลัง,สามเดือน\n".encode(), "เป็นเดือนไม่ได้"),
    ],
)
def test_a_bad_file_gets_a_thai_message_and_changes_nothing(client, w, name, data, message):
    _login(client, w.coordinator)
    before = _counts()
    response = client.post(
        _url("plan-import", w.org, year=YEAR), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "ยืนยันนำเข้า" not in response.content.decode()
    assert _counts() == before


def test_a_csv_in_thai_windows_encoding_is_read(client, w):
    _login(client, w.coordinator)
    data = "มาตรการ,ผู้รับผิดชอบ,ระยะเวลา\nประชุมประจำเดือน,กองคลัง,ต.ค. ๖๕ - มี.ค. ๖๖\n"
    upload = SimpleUploadedFile("plan.csv", data.encode("cp874"))
    response = client.post(_url("plan-import", w.org, year=YEAR), {"file": upload})
    assert [row.title for row in response.context["preview"].rows] == ["ประชุมประจำเดือน"]


def test_the_template_and_the_export_download_as_xlsx_with_thai_headers(client, w):
    from openpyxl import load_workbook

    from measures.plan_import.columns import HEADERS

    _login(client, w.coordinator)
    for url in (_url("plan-import-template", w.org), _url("plan-export", w.org, year=YEAR)):
        response = client.get(url)
        assert response["Content-Type"].endswith("spreadsheetml.sheet")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert tuple(c.value for c in sheet[1]) == HEADERS
    assert sheet.max_row == 3  # the plan's two measures


def test_a_preview_read_for_another_organisation_or_year_is_refused(client, w):
    from measures.forms.plan_import import PlanImportConfirmForm

    rows = [["มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"], ["ประชุม", "กองคลัง", "ต.ค. ๖๕ - มี.ค. ๖๖"]]
    payload = PlanImportConfirmForm.sign(
        organisation=w.other, fiscal_year=YEAR, data={"framework": None, "rows": rows}
    )
    _login(client, w.coordinator)
    before = _counts()
    response = client.post(
        _url("plan-import-confirm", w.org, year=YEAR), {"payload": payload}, follow=True
    )
    assert "ข้อมูลตัวอย่างหมดอายุหรือไม่ครบ" in response.content.decode()
    assert _counts() == before


def test_the_new_plan_page_offers_to_import_this_and_next_years_plan(client, w):
    _login(client, w.coordinator)
    page = client.get(reverse("measures:plan-create", kwargs={"slug": w.org.slug})).content
    year = thai.fiscal_year_of(timezone.localdate())
    assert _url("plan-import", w.org, year=year).encode() in page
    assert _url("plan-import", w.org, year=year + 1).encode() in page
