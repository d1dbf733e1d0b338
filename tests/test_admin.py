"""The admin speaks Thai: app and model names, Django's own chrome, django-axes' pages."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db


class VisibleText(HTMLParser):
    """Text a person sees or hears: text nodes outside scripts, titles and aria-labels."""

    def __init__(self):
        super().__init__()
        self.hidden, self.texts = 0, []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.texts += [v for k, v in attrs if k in ("title", "aria-label", "placeholder") and v]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def english_only(html, allowed):
    parser = VisibleText()
    parser.feed(html)
    return [
        text
        for text in parser.texts
        if re.search(r"[A-Za-z]{3,}", text)
        and not re.search(r"[\u0e00-\u0e7f]", text)
        and text not in allowed
    ]


@pytest.fixture
def admin_client(client):
    client.force_login(
        get_user_model().objects.create_superuser("site-admin", "a@example.org", "x-long-pass")
    )
    return client


def test_the_admin_index_has_no_english_left(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert english_only(response.text, allowed={"site-admin"}) == []
    assert "การล็อกการเข้าสู่ระบบ" in response.text and "ผู้ใช้และสิทธิ์" in response.text


def test_the_lockout_records_are_listed_under_thai_headings(admin_client):
    AccessAttempt.objects.create(
        user_agent="Firefox",
        ip_address="192.0.2.7",
        username="somsri",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )
    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    allowed = {"site-admin", "Firefox", "somsri", "/accounts/login/", "192.0.2.7"}
    assert english_only(response.text, allowed) == []
    for heading in ("ที่อยู่ IP", "ชื่อผู้ใช้", "จำนวนครั้งที่ผิด", "สถานะ"):
        assert heading in response.text


def title_and_breadcrumbs(html):
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return [unescape(strip_tags(part)) for part in (title, breadcrumbs)]


@pytest.mark.parametrize(
    "model, fields",
    [
        (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 5}),
        (AccessFailureLog, {"locked_out": True}),
    ],
    ids=["locked-out attempt", "lockout in the failure log"],
)
def test_a_lockout_record_is_named_in_thai_in_its_title_and_breadcrumbs(
    admin_client, model, fields
):
    record = model.objects.create(
        user_agent="Firefox",
        ip_address="192.0.2.7",
        username="somsri",
        http_accept="*/*",
        path_info="/accounts/login/",
        **fields,
    )
    opts = model._meta
    response = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    )
    assert response.status_code == 200
    for part in title_and_breadcrumbs(response.text):
        # The title mixes Thai and the record's name in one text: look for any English word.
        rest = part.replace("somsri", "").replace("ITA Portal", "")
        assert re.findall(r"[A-Za-z]{2,}", rest) == [], part
        assert "somsri จาก 192.0.2.7" in part
        assert re.search(r"[๐-๙]{2}:[๐-๙]{2} น\.", part)


def test_the_admins_script_counts_a_selection_in_thai(admin_client):
    # The catalog escapes Thai as \uXXXX; Django's own Thai says "… จาก … selected".
    escaped = admin_client.get(reverse("admin:jsi18n")).text
    catalog = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), escaped)
    assert "เลือก %(sel)s จาก %(cnt)s" in catalog
    assert "%(cnt)s selected" not in catalog.split("%(sel)s of %(cnt)s selected", 1)[1]
