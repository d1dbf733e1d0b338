import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from measures.models import Invitation, Membership
from tests.factories import make_user
from tests.people import PASSWORD, world
from tests.smtp import _free_port, body

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/accounts/invitations/[^/\s]+/")


@pytest.fixture
def w(db):
    return world()


def url(name, w, **kwargs):
    return reverse(f"measures:{name}", kwargs={"slug": w.org.slug, **kwargs})


def invite(client, w, email="somsri@example.go.th", role="staff", units=None):
    client.force_login(w.coordinator)
    units = [w.works.pk] if units is None else units
    return client.post(url("invitation-add", w), {"email": email, "role": role, "units": units})


def link_in(message):
    return LINK.search(body(message)).group(0)


def join_data(username="somsri", password="ดาวเรือง-ยาวพอ-2569"):
    return {
        "username": username,
        "first_name": "สมศรี",
        "last_name": "ใจงาม",
        "password1": password,
        "password2": password,
    }


def test_an_invitation_is_mailed_and_its_link_joins_a_new_person_as_invited(client, w, smtp_inbox):
    response = invite(client, w)
    assert response.status_code == 302
    [message] = smtp_inbox.to("somsri@example.go.th")
    assert "คำเชิญเข้าร่วม อบต.เอ" in message["Subject"]
    assert "บทบาทเจ้าหน้าที่ สังกัด กองช่าง" in body(message)

    client.logout()
    link = link_in(message)
    page = client.get(link)
    assert page.status_code == 200 and "ตั้งบัญชีใหม่" in page.text
    response = client.post(link, join_data())
    assert response.status_code == 302 and response["Location"] == reverse("measures:my-work")

    user = get_user_model().objects.get(username="somsri")
    assert user.email == "somsri@example.go.th" and user.check_password("ดาวเรือง-ยาวพอ-2569")
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (w.org, "staff")
    assert list(membership.units.all()) == [w.works]
    assert client.get(reverse("measures:my-work")).wsgi_request.user == user
    assert client.get(link).status_code == 410  # used once


def test_inviting_the_address_of_an_existing_account_attaches_nothing_and_says_nothing(
    client, w, mailoutbox
):
    w.admin.email = "admin@example.org"
    w.admin.save()
    client.force_login(w.coordinator)
    answers = []
    for address in ("admin@example.org", "nobody@example.org"):
        data = {"email": address, "role": "coordinator"}
        response = client.post(url("invitation-add", w), data, follow=True)
        message = [str(m) for m in response.context["messages"]]
        answers.append((response.status_code, [m.replace(address, "@") for m in message]))
    assert answers[0] == answers[1] == (200, ["ส่งคำเชิญไปที่ @ แล้ว"])
    assert not Membership.objects.filter(user=w.admin).exists()
    assert len(mailoutbox) == 2
    assert w.admin.username not in client.get(url("people", w)).text


def test_an_existing_account_joins_only_when_its_owner_accepts(client, w, mailoutbox):
    somchai = make_user("somchai", email="somchai@example.go.th")
    invite(client, w, email="somchai@example.go.th", role="executive", units=[])
    link = link_in(mailoutbox[0])

    client.force_login(somchai)
    page = client.get(link)
    assert "ตอบรับคำเชิญ" in page.text and "somchai" in page.text
    assert not Membership.objects.filter(user=somchai).exists()

    response = client.post(link)
    assert response.status_code == 302
    membership = Membership.objects.get(user=somchai)
    assert (membership.organisation, membership.role) == (w.org, "executive")
    invitation = Invitation.objects.get(email="somchai@example.go.th")
    assert invitation.accepted_by == somchai and invitation.accepted_at is not None


def test_the_join_page_offers_the_log_in_that_comes_back_to_the_link(client, w, mailoutbox):
    invite(client, w)
    client.logout()
    link = link_in(mailoutbox[0])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert f"?next={path}" in client.get(link).text
    response = client.post(
        reverse("login"), {"username": w.outsider.username, "password": PASSWORD, "next": path}
    )
    assert response["Location"] == path
    assert "ตอบรับคำเชิญ" in client.get(path).text


def test_a_member_already_in_the_organisation_is_not_added_twice(client, w, mailoutbox):
    invite(client, w, email="staff@example.go.th")
    client.force_login(w.staff)
    link = link_in(mailoutbox[0])
    assert "เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in client.get(link).text
    client.post(link)
    assert list(w.staff.memberships.values_list("role", flat=True)) == ["staff"]
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("who", ["outsider", "other_coordinator"])
def test_nobody_of_another_organisation_can_invite_into_this_one(client, w, mailoutbox, who):
    client.force_login(getattr(w, who))
    response = client.post(
        url("invitation-add", w), {"email": "x@example.org", "role": "coordinator"}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists() and not mailoutbox


def test_staff_cannot_invite(client, w, mailoutbox):
    client.force_login(w.staff)
    response = client.post(url("invitation-add", w), {"email": "x@example.org", "role": "staff"})
    assert response.status_code == 403 and not Invitation.objects.exists()


def test_a_unit_of_another_organisation_or_a_bad_address_is_refused_in_thai(client, w, mailoutbox):
    response = invite(client, w, units=[w.other_unit.pk])
    assert "ตัวเลือกใน “สังกัด” ไม่ถูกต้อง" in response.text
    response = invite(client, w, email="not-an-address")
    assert "รูปแบบอีเมลไม่ถูกต้อง" in response.text
    assert not Invitation.objects.exists() and not mailoutbox


def test_a_second_pending_invitation_to_the_same_address_is_refused(client, w, mailoutbox):
    invite(client, w)
    response = invite(client, w, email="SOMSRI@example.go.th")
    assert "มีคำเชิญถึงอีเมลนี้ที่ยังไม่ตอบรับอยู่แล้ว" in response.text
    assert Invitation.objects.count() == 1 and len(mailoutbox) == 1


def test_the_coordinator_sees_pending_invitations_and_resends_with_a_new_link(
    client, w, mailoutbox
):
    invite(client, w)
    invitation = Invitation.objects.get()
    page = client.get(url("people", w)).text
    assert "somsri@example.go.th" in page and "ส่งอีกครั้ง" in page

    response = client.post(url("invitation-resend", w, pk=invitation.pk), follow=True)
    assert "ส่งลิงก์ใหม่ไปที่ somsri@example.go.th แล้ว" in response.text
    old, new = link_in(mailoutbox[0]), link_in(mailoutbox[1])
    client.logout()
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_cancelled_or_expired_link_gets_a_clear_thai_page(client, w, mailoutbox):
    invite(client, w)
    invite(client, w, email="late@example.go.th")
    cancelled, expired = Invitation.objects.order_by("pk")
    client.post(url("invitation-cancel", w, pk=cancelled.pk))
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.logout()

    response = client.get(link_in(mailoutbox[0]))
    assert response.status_code == 410 and "ผู้ประสานงานยกเลิกคำเชิญนี้แล้ว" in response.text
    response = client.post(link_in(mailoutbox[1]), join_data())
    assert response.status_code == 410 and "คำเชิญนี้หมดอายุแล้ว" in response.text
    assert not get_user_model().objects.filter(username="somsri").exists()
    response = client.get(reverse("measures:invitation", kwargs={"token": "x" * 300}))
    assert response.status_code == 404 and "ไม่พบคำเชิญของลิงก์นี้" in response.text
    assert "ไม่พบคำเชิญของลิงก์นี้" not in client.get(url("people", w)).text


def test_an_expired_invitation_can_be_sent_again(client, w, mailoutbox):
    invite(client, w)
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert "หมดอายุแล้ว" in client.get(url("people", w)).text
    client.post(url("invitation-resend", w, pk=invitation.pk))
    client.logout()
    assert client.get(link_in(mailoutbox[1])).status_code == 200


def test_a_taken_username_or_mismatched_passwords_are_refused_and_nothing_joins(
    client, w, mailoutbox
):
    invite(client, w)
    client.logout()
    link = link_in(mailoutbox[0])
    response = client.post(link, join_data(username=w.staff.username.upper()))
    assert "มีผู้ใช้ชื่อนี้แล้ว" in response.text
    data = {**join_data(), "password2": "something-else-entirely"}
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in client.post(link, data).text
    short = client.post(link, {**join_data(), "password1": "12345", "password2": "12345"}).text
    assert "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย ๘ ตัวอักษร" in short
    assert "รหัสผ่านต้องไม่เป็นตัวเลขล้วน" in short and "too short" not in short
    assert "ไม่คล้ายชื่อผู้ใช้" in client.get(link).text
    assert not Membership.objects.filter(user__username="somsri").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_mail_server_that_is_down_leaves_the_invitation_to_send_again(client, w, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    response = invite(client, w)
    assert response.status_code == 302
    page = client.get(url("people", w)).text
    assert "ส่งอีเมลไม่สำเร็จ" in page and "ยังส่งอีเมลไม่สำเร็จ" in page
    assert Invitation.objects.get().sent_at is None


def test_the_person_who_joined_logs_in_with_the_new_password(client, w, mailoutbox):
    invite(client, w)
    client.logout()
    client.post(link_in(mailoutbox[0]), join_data())
    client.logout()
    response = client.post(
        reverse("login"), {"username": "somsri", "password": "ดาวเรือง-ยาวพอ-2569"}
    )
    assert response.status_code == 302


def test_the_admin_lists_invitations_without_their_token(client, w, mailoutbox):
    invite(client, w)
    invitation = Invitation.objects.get()
    client.force_login(w.admin)
    listing = client.get(reverse("admin:measures_invitation_changelist"))
    assert listing.status_code == 200 and "somsri@example.go.th" in listing.text
    detail = client.get(reverse("admin:measures_invitation_change", args=[invitation.pk]))
    assert detail.status_code == 200 and invitation.token_digest not in detail.text
    assert client.get(reverse("admin:measures_remindersent_changelist")).status_code == 200
