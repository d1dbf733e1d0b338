"""HTTP manners of the API: conditional GET answers 304, a per-address rate limit 429."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/banna/documents/"


def test_an_answer_carries_an_etag_and_last_modified_and_no_session(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_if_none_match_with_the_current_etag_answers_304(client, published):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(URL, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_if_modified_since_the_last_modified_answers_304(client, published):
    last_modified = client.get(URL)["Last-Modified"]
    assert client.get(URL, headers={"If-Modified-Since": last_modified}).status_code == 304


def test_a_new_publication_changes_the_etag(client, published):
    from tests.factories import make_publication

    etag = client.get(URL)["ETag"]
    make_publication(published["plan"], kind="measures", revision=2, sha256="c" * 64)
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_past_the_limit_an_address_gets_429_in_thai_and_english_with_retry_after(client, published):
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(URL)
    assert response.status_code == 429
    assert response.json()["detail_th"].startswith("เรียกใช้บ่อยเกินกำหนด")
    assert response.json()["detail_en"].startswith("Too many requests")
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another address has its own count.
    assert client.get(URL, REMOTE_ADDR="192.0.2.7").status_code == 200


@override_settings(API_RATE_LIMIT=2, API_RATE_WINDOW=60, TRUSTED_PROXIES=[])
def test_a_forged_forwarded_address_does_not_reset_the_count(client, published):
    for n in range(2):
        client.get(URL, headers={"X-Forwarded-For": f"198.51.100.{n}"})
    response = client.get(URL, headers={"X-Forwarded-For": "198.51.100.99"})
    assert response.status_code == 429


@override_settings(API_RATE_LIMIT=2, API_RATE_WINDOW=60, TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_each_client_address_is_counted_apart(client, published):
    for _ in range(2):
        client.get(URL, headers={"X-Forwarded-For": "198.51.100.1"})
    assert client.get(URL, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert client.get(URL, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200
