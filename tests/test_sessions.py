"""Sessions end after SESSION_IDLE_HOURS idle; staff sessions also at browser close."""

import time

import pytest
from django.conf import settings

from itaportal.sessions import RENEW_EVERY, RENEWED
from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def log_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response.cookies[settings.SESSION_COOKIE_NAME]


@pytest.fixture
def member():
    return make_member(make_organisation(), "staff")


def test_an_idle_session_ends_after_eight_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_a_members_session_cookie_lasts_the_idle_time(client, member):
    cookie = log_in(client, member)
    assert cookie["max-age"] == 8 * 3600


def test_a_session_in_use_is_renewed_at_most_every_five_minutes(client, member):
    log_in(client, member)
    # Just renewed at log-in: the next page writes nothing.
    assert settings.SESSION_COOKIE_NAME not in client.get("/my-work/").cookies
    session = client.session
    session[RENEWED] = int(time.time()) - RENEW_EVERY - 1
    session.save()
    renewed = client.get("/my-work/").cookies[settings.SESSION_COOKIE_NAME]
    assert renewed["max-age"] == 8 * 3600


def test_a_staff_members_session_cookie_ends_with_the_browser(client):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    cookie = log_in(client, admin)
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expire_at_browser_close()


def test_a_public_page_sets_no_session_cookie(client):
    response = client.get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
