"""Guard tests every page must pass: it answers 200 and has exactly one <h1>."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from measures.demo import DEMO_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--force", "--without-documents", stdout=StringIO())


PUBLIC_PAGES = [
    "/",
    f"/{DEMO_SLUG}/",
    f"/{DEMO_SLUG}/itas/2566/",
    "/api/v1/docs/",
    "/accounts/login/",
]
SIGNED_IN_PAGES = ["/my-work/", "/my-work/?year=2566"]


def assert_one_h1(response):
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.text)) == 1
    assert '<html lang="th">' in response.text


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_answers_with_one_heading(client, demo, url):
    assert_one_h1(client.get(url))


@pytest.mark.parametrize("username", ["coordinator", "executive", "staff.finance", "admin"])
@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_page_answers_with_one_heading(client, demo, url, username):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert_one_h1(client.get(url))


def test_a_wrong_password_gets_a_thai_message_and_keeps_the_username(client, demo):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text
    assert 'value="coordinator"' in response.text


def test_logging_in_leads_to_my_work(client, demo):
    response = client.post(
        "/accounts/login/", {"username": "staff.works", "password": "ita-demo-2566"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/my-work/"
    assert "งานของฉัน" in response.text


def test_the_pages_load_only_bundled_assets(client, demo):
    html = client.get("/").text
    assert "/static/vendor/bootstrap/bootstrap.public.min.css" in html
    assert "/static/fonts/sarabun/web/Sarabun-400.woff2" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
