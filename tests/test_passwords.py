import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_user
from tests.smtp import body

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"https?://\S+/accounts/reset/\S+/")


def test_a_reset_request_delivers_one_thai_message_whose_link_sets_a_new_password(
    client, smtp_inbox
):
    user = make_user("somsri", email="somsri@example.go.th")
    response = client.post(reverse("password_reset"), {"email": "SomSri@example.go.th"})
    assert response.status_code == 302

    [message] = smtp_inbox.messages
    assert message.recipients == ["somsri@example.go.th"]
    assert message["Subject"].strip() == "ITA Portal: ลิงก์ตั้งรหัสผ่านใหม่"
    assert "ตั้งรหัสผ่านใหม่ของบัญชี somsri" in body(message)

    link = RESET_LINK.search(body(message)).group(0)
    form_page = client.get(link, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in form_page.text and "รหัสผ่านใหม่" in form_page.text
    weak = client.post(
        form_page.wsgi_request.path, {"new_password1": "somsri", "new_password2": "somsri"}
    )
    assert "รหัสผ่านสั้นเกินไป" in weak.text and "รหัสผ่านคล้ายกับชื่อผู้ใช้" in weak.text
    new = "ดาวเรือง-รหัสใหม่-2569"
    done = client.post(
        form_page.wsgi_request.path, {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "ตั้งรหัสผ่านใหม่แล้ว" in done.text
    user.refresh_from_db()
    assert user.check_password(new)
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in client.get(link, follow=True).text  # used once


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_inbox):
    make_user("somsri", email="somsri@example.go.th")
    known = client.post(reverse("password_reset"), {"email": "somsri@example.go.th"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    csrf = re.compile(r'"X-CSRFToken": "[^"]+"')
    assert csrf.sub("", known.text) == csrf.sub("", unknown.text)
    assert "ตรวจสอบอีเมลของท่าน" in unknown.text
    assert [m.recipients for m in smtp_inbox.messages] == [["somsri@example.go.th"]]


def test_a_malformed_address_is_refused_in_thai(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200 and "รูปแบบอีเมลไม่ถูกต้อง" in response.text
    assert not mailoutbox


def test_the_log_in_page_links_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).text


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL=2, PASSWORD_RESET_RATE_PER_CLIENT=50)
def test_requests_beyond_the_limit_for_one_address_send_nothing_and_say_so_in_thai(
    client, smtp_inbox
):
    make_user("somsri", email="somsri@example.go.th")
    for _ in range(2):
        client.post(reverse("password_reset"), {"email": "somsri@example.go.th"})
    assert len(smtp_inbox.messages) == 2

    refused = client.post(reverse("password_reset"), {"email": "SOMSRI@example.go.th"})
    assert refused.status_code == 200 and "ขอลิงก์ตั้งรหัสผ่านใหม่บ่อยเกินไป" in refused.text
    assert len(smtp_inbox.messages) == 2
    # Another address is counted apart.
    make_user("somchai", email="somchai@example.go.th")
    client.post(reverse("password_reset"), {"email": "somchai@example.go.th"})
    assert smtp_inbox.messages[-1].recipients == ["somchai@example.go.th"]


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL=1, PASSWORD_RESET_RATE_PER_CLIENT=50)
def test_the_limit_answers_the_same_whether_or_not_an_account_has_the_address(client, smtp_inbox):
    make_user("somsri", email="somsri@example.go.th")
    answers = []
    for email in ("somsri@example.go.th", "nobody@example.org"):
        client.post(reverse("password_reset"), {"email": email})
        answers.append(client.post(reverse("password_reset"), {"email": email}))
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    known, unknown = (
        csrf.sub("", a.text.replace(e, ""))
        for a, e in zip(answers, ("somsri@example.go.th", "nobody@example.org"), strict=True)
    )
    assert known == unknown and "บ่อยเกินไป" in known
    assert len(smtp_inbox.messages) == 1


@override_settings(PASSWORD_RESET_RATE_PER_EMAIL=50, PASSWORD_RESET_RATE_PER_CLIENT=3)
def test_one_client_asking_for_many_addresses_is_stopped(client, smtp_inbox):
    for n in range(3):
        make_user(f"user{n}", email=f"user{n}@example.go.th")
        client.post(reverse("password_reset"), {"email": f"user{n}@example.go.th"})
    make_user("late", email="late@example.go.th")
    refused = client.post(reverse("password_reset"), {"email": "late@example.go.th"})
    assert "บ่อยเกินไป" in refused.text
    assert len(smtp_inbox.messages) == 3
