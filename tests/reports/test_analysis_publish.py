"""Publishing the analysis of the ITA result of year N as the analysis of plan year N + 1:
the same checklist and confirmation as the other documents, a stable public URL, revisions,
checksum-verified bytes, the answer sheet and the organisation page."""

import hashlib
import uuid
from itertools import count

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from measures.models import Framework, MeasurePlan, Membership
from reports import publishing
from reports.models import Publication
from reports.publishing import PublishError, analysis_publish
from tests.factories import make_member, make_organisation, make_plan
from tests.measures.results.test_analysis import saved_result
from tests.reports.conftest import emblem_png

pytestmark = pytest.mark.django_db
_renders = count(1)


@pytest.fixture
def org(db):
    org = make_organisation(
        slug="banwikro",
        name_th="องค์การบริหารส่วนตำบลบ้านวิเคราะห์",
        short_name="อบต.บ้านวิเคราะห์",
        executive_name="นายทดสอบ วิเคราะห์ดี",
        executive_position="นายกองค์การบริหารส่วนตำบลบ้านวิเคราะห์",
    )
    org.emblem.save("emblem.png", ContentFile(emblem_png()), save=True)
    saved_result(org, 2565)
    return org


@pytest.fixture
def coordinator(org):
    return make_member(org, Membership.Role.COORDINATOR)


@pytest.fixture
def fake_analysis_pdf(monkeypatch):
    """A fast stand-in where the PDF itself is not under test (the first test renders)."""
    monkeypatch.setattr(
        publishing,
        "analysis_pdf_from_context",
        lambda doc, emblem=None: f"%PDF-1.7 analysis {next(_renders)}".encode(),
    )


def publish(client, user, year=2566, **data):
    client.force_login(user)
    url = reverse("reports:analysis-publish", args=["banwikro", year])
    return client.post(url, {"form_token": str(uuid.uuid4()), "confirm": "yes", **data})


def test_publishing_creates_the_unannounced_plan_and_serves_verified_bytes(
    client, org, coordinator
):
    assert publish(client, coordinator).status_code == 302
    publication = Publication.objects.get(kind="analysis")
    plan = publication.plan
    assert (plan.organisation, plan.fiscal_year, plan.announced_on) == (org, 2566, None)
    # The plan answers the analysed result's assessment: its weak items can become measures.
    assert plan.framework == Framework.objects.get(fiscal_year=2565, version=1)
    assert not plan.measures.exists()
    assert publication.title.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕")

    response = client.get("/banwikro/2566/analysis.pdf")
    assert response.status_code == 200
    body = response.content
    assert body.startswith(b"%PDF") and hashlib.sha256(body).hexdigest() == publication.sha256
    assert response["ETag"] == f'"{publication.sha256}"'


def test_the_answer_sheet_and_the_organisation_page_list_the_analysis(
    client, org, coordinator, fake_analysis_pdf
):
    publish(client, coordinator)
    client.logout()
    sheet = client.get("/api/v1/organisations/banwikro/itas/2566/").json()
    o42 = next(item for item in sheet["items"] if item["code"] == "O42")
    assert next(a["url"] for a in o42["answers"]) == "http://testserver/banwikro/2566/analysis.pdf"
    page = client.get("/banwikro/").text
    assert 'href="/banwikro/2566/analysis.pdf"' in page
    web = client.get("/banwikro/2566/analysis/")
    assert web.status_code == 200
    assert "ได้คะแนนรวม ๗๙.๘๗ คะแนน" in web.text and "วิเคราะห์ดี</span>)" in web.text


def test_publishing_again_adds_a_revision_to_the_same_plan_and_moves_the_stable_url(
    client, org, coordinator, fake_analysis_pdf
):
    make_plan(org, 2566)  # an existing plan is used, not duplicated
    publish(client, coordinator)
    publish(client, coordinator)
    revisions = Publication.objects.filter(kind="analysis").order_by("revision")
    assert [p.revision for p in revisions] == [1, 2]
    assert MeasurePlan.objects.filter(organisation=org).count() == 1
    latest = client.get("/banwikro/2566/analysis.pdf").content
    assert hashlib.sha256(latest).hexdigest() == revisions[1].sha256
    assert client.get("/banwikro/2566/analysis/1.pdf").content != latest


def test_the_same_form_posted_twice_publishes_once(client, coordinator, fake_analysis_pdf):
    token = str(uuid.uuid4())
    publish(client, coordinator, form_token=token)
    publish(client, coordinator, form_token=token)
    assert Publication.objects.filter(kind="analysis").count() == 1


def test_publishing_unconfirmed_changes_nothing(client, org, coordinator, fake_analysis_pdf):
    response = publish(client, coordinator, confirm="")
    assert response.status_code == 302
    assert not Publication.objects.exists() and not MeasurePlan.objects.exists()
    page = client.get(response["Location"]).text
    assert "กรุณาทำเครื่องหมายยืนยันว่าตรวจสอบตัวอย่างเอกสารแล้ว" in page


def test_missing_executive_and_emblem_are_refused_with_a_thai_checklist(
    client, org, coordinator, fake_analysis_pdf
):
    org.executive_name = ""
    org.emblem = ""
    org.save()
    response = publish(client, coordinator)
    assert not Publication.objects.exists() and not MeasurePlan.objects.exists()
    message = client.get(response["Location"]).text
    assert "ยังเผยแพร่ไม่ได้ เพราะเอกสารยังขาด: ชื่อผู้บริหารของหน่วยงาน" in message
    assert "ตราสัญลักษณ์ของหน่วยงาน" in message
    # The documents page shows the same checklist and no publish button for the analysis.
    section = (
        client.get(reverse("reports:documents", args=["banwikro"]))
        .text.split('id="analysis"')[1]
        .split("</section>")[0]
    )
    assert "ชื่อผู้บริหารของหน่วยงาน (ผู้ลงนามในประกาศ)" in section
    assert 'name="confirm"' not in section


def test_a_year_without_a_result_is_refused(org, coordinator):
    with pytest.raises(PublishError) as error:
        analysis_publish(organisation=org, plan_year=2568, user=coordinator)
    assert "ผลการประเมิน ITA ปี ๒๕๖๗" in str(error.value)
    assert not MeasurePlan.objects.exists()


def test_the_documents_page_offers_the_analysis_with_its_stable_link(
    client, coordinator, fake_analysis_pdf
):
    publish(client, coordinator)
    page = client.get(reverse("reports:documents", args=["banwikro"])).text
    section = page.split('id="analysis"')[1].split("</section>")[0]
    assert "สำหรับแผนมาตรการปีงบประมาณ พ.ศ. ๒๕๖๖" in section
    assert "http://testserver/banwikro/2566/analysis.pdf" in section
    assert 'name="confirm"' in section and "เผยแพร่ฉบับใหม่" in section
