"""Sessions end after SESSION_IDLE_HOURS idle; staff sessions also at browser close."""

import pytest
from django.conf import settings

from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def log_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response.cookies[settings.SESSION_COOKIE_NAME]


def test_an_idle_session_ends_after_eight_hours_by_default_and_each_request_renews_it():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_a_members_session_cookie_lasts_the_idle_time(client):
    user = make_member(make_organisation(), "staff")
    cookie = log_in(client, user)
    assert cookie["max-age"] == 8 * 3600


def test_a_staff_members_session_cookie_ends_with_the_browser(client):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    cookie = log_in(client, admin)
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    # and stays so on the next page, where the session is renewed
    later = client.get("/admin/").cookies[settings.SESSION_COOKIE_NAME]
    assert later["max-age"] == "" and later["expires"] == ""
    assert client.get("/admin/").status_code == 200


def test_a_public_page_sets_no_session_cookie(client):
    response = client.get("/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
