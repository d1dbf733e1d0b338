from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_measure, make_organisation, make_plan, make_unit

pytestmark = pytest.mark.django_db

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082"
)


@pytest.fixture
def announced(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = make_organisation(slug="thungthong", name_th="องค์การบริหารส่วนตำบลทุ่งทอง")
    plan = make_plan(org, 2566, announced_on=date(2022, 10, 20))
    make_measure(plan, number=1, title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", units=[make_unit(org, "กองคลัง")])
    return org


def test_home_lists_organisations_to_an_anonymous_visitor(client, announced):
    response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    # Kind and place in spans of their own (|unbroken): a phone may break between them only.
    assert 'องค์การบริหารส่วนตำบล</span><span class="unbroken">ทุ่งทอง' in response.text
    assert announced.get_absolute_url() in response.text


def test_organisation_page_shows_announced_measures_in_thai(client, announced):
    response = client.get(announced.get_absolute_url())
    assert response.status_code == 200
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in response.text
    assert "ประกาศ ณ วันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๕" in response.text
    assert "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in response.text
    assert "ต.ค. ๖๕ - ก.ย. ๖๖" in response.text
    assert "กองคลัง" in response.text


def test_a_plan_not_yet_announced_stays_private(client, announced):
    draft = make_plan(announced, 2567)
    make_measure(draft, title="ร่างมาตรการที่ยังไม่ประกาศ")
    response = client.get(announced.get_absolute_url())
    assert "ร่างมาตรการที่ยังไม่ประกาศ" not in response.text


def test_an_unknown_organisation_is_404(client, db):
    assert client.get("/no-such-organisation/").status_code == 404


def test_user_text_is_escaped(client, announced):
    announced.name_th = "<script>alert(1)</script>"
    announced.save()
    response = client.get(announced.get_absolute_url())
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_emblem_is_served_publicly(client, announced):
    announced.emblem = SimpleUploadedFile("garuda.png", PNG, content_type="image/png")
    announced.save()
    response = client.get(reverse("reports:organisation-emblem", args=[announced.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert announced.emblem.name.startswith("emblems/") and "garuda" not in announced.emblem.name


def test_no_emblem_is_404(client, announced):
    response = client.get(reverse("reports:organisation-emblem", args=[announced.slug]))
    assert response.status_code == 404
