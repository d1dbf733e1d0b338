from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from reports import publishing
from reports.documents import document_context
from reports.publishing import publication_create
from tests.factories import make_organisation, make_publication

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_pdf")]


def publish(plan, user, kind="progress-6", layout="plan"):
    return publication_create(plan=plan, kind=kind, layout=layout, user=user)


def stable(plan, kind="progress-6"):
    return f"/{plan.organisation.slug}/{plan.fiscal_year}/{kind}.pdf"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_stable_links_have_the_documented_shape(plan):
    for kind in ("measures", "progress-6", "progress-12"):
        assert reverse("reports:publication-pdf", args=["bandon", 2566, kind]) == (
            f"/bandon/2566/{kind}.pdf"
        )


def test_the_stable_link_serves_the_stored_pdf_to_anyone(client, plan, coordinator):
    publication = publish(plan, coordinator)
    response = client.get(stable(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert body(response) == publication.file.open("rb").read()
    assert response["ETag"] == f'"{publication.sha256}"'


def test_the_download_has_a_thai_file_name(client, plan, coordinator):
    publication = publish(plan, coordinator)
    disposition = client.get(stable(plan))["Content-Disposition"]
    assert disposition.startswith('inline; filename="ita-progress-6-2566-r1.pdf"')
    assert f"filename*=UTF-8''{quote(publication.filename)}" in disposition
    assert "รายงานผล ITA รอบ ๖ เดือน อบต.บ้านดอน ๒๕๖๖ ฉบับที่ ๑.pdf" == publication.filename


def test_the_stable_link_moves_to_the_new_revision_and_the_old_one_keeps_its_bytes(
    client, plan, coordinator
):
    first = publish(plan, coordinator)
    first_bytes = body(client.get(stable(plan)))
    second = publish(plan, coordinator, layout="summary")
    assert body(client.get(stable(plan))) == second.file.open("rb").read() != first_bytes
    old = client.get(
        reverse("reports:publication-revision-pdf", args=["bandon", 2566, "progress-6", 1])
    )
    assert body(old) == first_bytes
    assert "immutable" in old["Cache-Control"]
    assert first.revision == 1 and second.revision == 2


def test_downloads_never_re_render(client, plan, coordinator, monkeypatch):
    publish(plan, coordinator)

    def no_render(*args, **kwargs):
        raise AssertionError("a download must not render")

    monkeypatch.setattr(publishing, "pdf_from_context", no_render)
    assert client.get(stable(plan)).status_code == 200


def test_a_document_not_yet_published_is_404(client, plan, coordinator):
    publish(plan, coordinator, kind="measures")
    assert client.get(stable(plan, "progress-12")).status_code == 404
    assert client.get("/bandon/2567/measures.pdf").status_code == 404
    assert client.get("/bandon/2566/progress-7.pdf").status_code == 404
    assert (
        client.get(
            reverse("reports:publication-revision-pdf", args=["bandon", 2566, "measures", 2])
        ).status_code
        == 404
    )


def test_another_organisations_slug_does_not_reach_the_document(client, plan, coordinator):
    publish(plan, coordinator)
    make_organisation(slug="other")
    assert client.get("/other/2566/progress-6.pdf").status_code == 404


def test_the_html_view_shows_the_published_data_not_todays(client, plan, coordinator):
    publication = publish(plan, coordinator)
    measure = plan.measures.get()
    measure.title = "ชื่อมาตรการที่แก้ภายหลัง"
    measure.save()
    response = client.get(reverse("reports:publication", args=["bandon", 2566, "progress-6"]))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in response.text
    assert "ชื่อมาตรการที่แก้ภายหลัง" not in response.text
    assert "ประกาศแผนจัดซื้อจัดจ้างบนเว็บไซต์แล้ว" in response.text
    assert publication.sha256 in response.text
    assert "ฉบับที่ ๑" in response.text


def test_an_old_revision_page_points_to_the_newer_one(client, plan, coordinator):
    publish(plan, coordinator)
    publish(plan, coordinator)
    response = client.get(
        reverse("reports:publication-revision", args=["bandon", 2566, "progress-6", 1])
    )
    assert response.status_code == 200
    assert "มีฉบับที่ใหม่กว่า" in response.text


def test_the_organisation_page_lists_published_documents(client, plan, coordinator):
    publish(plan, coordinator, kind="measures")
    publish(plan, coordinator, kind="progress-6")
    second = publish(plan, coordinator, kind="progress-6")
    response = client.get(reverse("reports:organisation", args=["bandon"]))
    assert response.status_code == 200
    text = response.text
    assert "เอกสารที่เผยแพร่" in text
    assert "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text
    assert "ฉบับที่ ๒ (ล่าสุด)" in text
    assert "ฉบับที่ ๑" in text
    assert second.sha256 in text
    assert stable(plan) in text
    assert stable(plan, "measures") in text


def test_the_organisation_page_lists_documents_in_document_order_newest_revision_first(
    client, plan, coordinator
):
    # Published out of order; alphabetically "progress-12" would come before "progress-6".
    publish(plan, coordinator, kind="progress-12")
    publish(plan, coordinator, kind="progress-6")
    publish(plan, coordinator, kind="measures")
    publish(plan, coordinator, kind="progress-6")
    text = client.get(reverse("reports:organisation", args=["bandon"])).text
    links = [  # the latest revision by its stable link, older ones by their own
        "/bandon/2566/measures.pdf",
        "/bandon/2566/progress-6.pdf",
        "/bandon/2566/progress-6/1.pdf",
        "/bandon/2566/progress-12.pdf",
    ]
    positions = [text.index(link) for link in links]
    assert positions == sorted(positions)


def test_published_user_text_is_escaped_on_the_html_view(client, plan, coordinator):
    measure = plan.measures.get()
    measure.title = '<script>alert("x")</script>'
    measure.save()
    publish(plan, coordinator)
    response = client.get(reverse("reports:publication", args=["bandon", 2566, "progress-6"]))
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_a_revision_keeps_the_emblem_it_printed(client, plan, coordinator, monkeypatch):
    printed = []

    def render(doc, emblem=None):
        printed.append(Path(emblem).read_bytes())
        return b"%PDF-1.7 with an emblem"

    monkeypatch.setattr(publishing, "pdf_from_context", render)
    organisation = plan.organisation
    organisation.emblem.save("emblem.png", ContentFile(b"the emblem of 2566"), save=True)
    publish(plan, coordinator)
    organisation.emblem.save("emblem.png", ContentFile(b"a new emblem"), save=True)

    revision = ["bandon", 2566, "progress-6", 1]
    page = client.get(reverse("reports:publication-revision", args=revision))
    emblem_url = reverse("reports:publication-emblem", args=revision)
    assert f'src="{emblem_url}"' in page.text
    response = client.get(emblem_url)
    assert response["Content-Type"] == "image/png"
    assert body(response) == printed[0] == b"the emblem of 2566"


def test_a_revision_published_without_an_emblem_shows_none(client, plan, coordinator):
    # Publishing now needs an emblem; revisions published before copies were kept have none.
    make_publication(plan, kind="progress-6", data=document_context(plan, "progress-6"))
    revision = ["bandon", 2566, "progress-6", 1]
    page = client.get(reverse("reports:publication-revision", args=revision))
    assert 'class="emblem"' not in page.text
    assert client.get(reverse("reports:publication-emblem", args=revision)).status_code == 404
