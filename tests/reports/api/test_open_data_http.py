"""The open-data downloads answer as the API does: ETag / Last-Modified with 304, and the
same per-address rate limit (their requests and the API's count together)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

CSV = "/banna/2566/measures.csv"
JSON = "/banna/2566/measures.json"
API = "/api/v1/organisations/banna/documents/"


@pytest.mark.parametrize("url", [CSV, JSON])
def test_a_download_carries_an_etag_and_answers_304_when_the_client_has_it(client, published, url):
    response = client.get(url)
    assert response.status_code == 200
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_new_public_data_changes_the_etag(client, published):
    etag = client.get(JSON)["ETag"]
    published["measure"].title = "ชื่อมาตรการที่แก้ไขแล้ว"
    published["measure"].save()
    response = client.get(JSON, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_past_the_api_limit_a_download_gets_429_in_thai_and_english(client, published):
    assert [client.get(u).status_code for u in (API, CSV, JSON)] == [200, 200, 200]
    response = client.get(CSV)
    assert response.status_code == 429
    assert response.json()["detail_th"].startswith("เรียกใช้บ่อยเกินกำหนด")
    assert response.json()["detail_en"].startswith("Too many requests")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert client.get(API).status_code == 429
    assert client.get(JSON, REMOTE_ADDR="192.0.2.7").status_code == 200
