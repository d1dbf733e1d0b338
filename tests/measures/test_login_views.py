"""Log-in throttling: per username and address, with a cool-off, in Thai."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def somchai(db):
    return make_user("somchai")


def test_five_failures_lock_that_username_from_that_address_with_a_thai_page(client, somchai):
    for _ in range(4):
        assert attempt(client, "somchai", "wrong").status_code == 200
    assert attempt(client, "somchai", "wrong").status_code == 429
    locked = attempt(client, "somchai", PASSWORD)
    assert locked.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in locked.text
    assert "๑๕ นาที" in locked.text and "๕ ครั้ง" in locked.text
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client, somchai):
    for _ in range(4):
        attempt(client, "somchai", "wrong")
    assert attempt(client, "somchai", PASSWORD).status_code == 302


def test_a_colleague_behind_the_same_address_can_still_log_in(client, somchai):
    make_user("somsri")
    for _ in range(6):
        attempt(client, "somchai", "wrong")
    assert attempt(client, "somsri", PASSWORD).status_code == 302


def test_the_same_username_from_another_address_can_still_log_in(client, somchai):
    for _ in range(6):
        attempt(client, "somchai", "wrong")
    assert attempt(client, "somchai", PASSWORD, ip="198.51.100.9").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, somchai):
    from axes.models import AccessAttempt

    for _ in range(5):
        attempt(client, "somchai", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "somchai", PASSWORD).status_code == 302


def test_the_test_clients_login_still_works(client, somchai):
    assert client.login(username="somchai", password=PASSWORD)
    assert client.get("/my-work/").status_code == 200
