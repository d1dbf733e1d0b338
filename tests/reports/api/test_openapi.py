"""The API describes itself: an OpenAPI 3 schema written by django-ninja, and a page for people."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_json_is_an_openapi_3_document_with_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}/documents/",
        "/api/v1/organisations/{slug}/plans/{year}/measures/",
        "/api/v1/organisations/{slug}/plans/{year}/progress/",
        "/api/v1/frameworks/{year}/",
    } <= set(schema["paths"])
    document = schema["components"]["schemas"]["Document"]["properties"]
    assert {"sha256", "url", "revision", "size", "published_at"} <= set(document)


def test_the_docs_page_lists_the_endpoints_in_thai_without_loading_anything_from_elsewhere(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.text)) == 1
    assert "/api/v1/organisations/{slug}/documents/" in response.text
    assert "เอกสารที่เผยแพร่ทุกฉบับ" in response.text
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', response.text)
