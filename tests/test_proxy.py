"""The client's address: a proxy's X-Forwarded-For counts only from a trusted proxy."""

import pytest
from django.test import RequestFactory

from itaportal.proxy import client_address
from tests.factories import make_user

PASSWORD = "a-long-test-password"


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("127.0.0.1", "203.0.113.7")) == "127.0.0.1"


def test_from_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "203.0.113.7")) == "203.0.113.7"


def test_a_client_cannot_forge_its_address_through_the_proxy(settings):
    # The client sent "X-Forwarded-For: 198.51.100.1"; nginx appended the address it saw.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_given_as_a_network_is_skipped(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "203.0.113.7, 10.0.0.5")) == "203.0.113.7"


def test_a_client_talking_directly_cannot_claim_another_address(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_garbage_in_the_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"


@pytest.mark.django_db
def test_behind_the_proxy_one_persons_typos_do_not_lock_the_same_user_out_elsewhere(
    client, settings
):
    """Five failures for somchai from one address must not lock somchai out from another one,
    though both reach the portal through the same proxy."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    make_user("somchai")

    def attempt(password, address):
        return client.post(
            "/accounts/login/",
            {"username": "somchai", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    for _ in range(5):
        attempt("wrong", "198.51.100.1")
    assert attempt(PASSWORD, "198.51.100.1").status_code == 429
    assert attempt(PASSWORD, "203.0.113.7").status_code == 302
