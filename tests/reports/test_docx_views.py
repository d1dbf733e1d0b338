"""The DOCX working copy on the documents pages and from render_document: offered beside the
PDF preview to those who may preview, named in Thai, never published."""

import io
from urllib.parse import quote

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from measures.models import Membership
from reports.docx import CONTENT_TYPE
from reports.models import Publication
from tests.factories import make_member, make_organisation
from tests.measures.results.test_analysis import saved_result

pytestmark = pytest.mark.django_db


def docx_url(plan, kind="progress-6"):
    return reverse(
        "reports:document-preview-docx", args=[plan.organisation.slug, plan.fiscal_year, kind]
    )


def test_a_coordinator_downloads_the_docx_with_its_thai_title_as_file_name(
    client, coordinator, plan
):
    client.force_login(coordinator)
    response = client.get(docx_url(plan), {"layout": "summary", "on": "๑/๔/๒๕๖๖"})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    name = f"{title} ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบ ๖ เดือน อบต.บ้านดอน (ฉบับแก้ไขได้).docx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"preview-progress-6-2566.docx\"; filename*=UTF-8''{quote(name)}"
    )
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "ประกาศ ณ วันที่ ๑ เมษายน พ.ศ. ๒๕๖๖" in texts
    # The summary layout's header, as the layout asked for.
    assert document.tables[0].rows[0].cells[0].text == "มาตรการ"
    assert not Publication.objects.exists()


def test_an_executive_may_download_it_and_staff_may_not(client, plan, executive):
    client.force_login(executive)
    assert client.get(docx_url(plan, "measures")).status_code == 200
    client.force_login(make_member(plan.organisation, Membership.Role.STAFF))
    assert client.get(docx_url(plan, "measures")).status_code == 403


def test_the_documents_page_offers_the_docx_beside_the_preview_and_says_it_is_not_published(
    client, coordinator, plan
):
    client.force_login(coordinator)
    page = client.get(reverse("reports:documents", args=[plan.organisation.slug])).content
    page = page.decode()
    for kind in ("measures", "progress-6", "progress-12"):
        assert f'formaction="{docx_url(plan, kind)}"' in page
    assert "ไม่ใช่ฉบับเผยแพร่" in page
    preview = client.get(
        reverse("reports:document-preview", args=[plan.organisation.slug, 2566, "measures"]),
        {"layout": "summary"},
    ).content.decode()
    assert f'href="{docx_url(plan, "measures")}?layout=summary&amp;on=' in preview


def test_an_executive_downloads_the_analysis_docx(client):
    org = make_organisation()
    saved_result(org)
    client.force_login(make_member(org, "executive"))
    url = reverse("reports:analysis-preview-docx", kwargs={"slug": org.slug, "year": 2566})
    response = client.get(url)
    assert response["Content-Type"] == CONTENT_TYPE
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "๑. หลักการและเครื่องมือการประเมิน" in texts
    earlier = client.get(url.replace("2566", "2565"), follow=True)
    assert "ยังไม่มีผลการประเมิน ITA ปี ๒๕๖๔" in earlier.content.decode()


def test_render_document_writes_a_docx_when_the_file_ends_in_docx(plan, tmp_path):
    output = tmp_path / "มาตรการ.docx"
    call_command(
        "render_document", "--org", "bandon", "--year", "๒๕๖๖", "--kind", "measures",
        "-o", str(output),
    )  # fmt: skip
    document = docx.Document(str(output))
    assert "ประกาศ ณ วันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๕" in [p.text for p in document.paragraphs]
    with pytest.raises(CommandError, match=r"\.pdf or \.docx"):
        call_command(
            "render_document", "--org", "bandon", "--year", "2566", "--kind", "measures",
            "-o", str(tmp_path / "x.odt"),
        )  # fmt: skip
    assert not (tmp_path / "x.odt").exists()
