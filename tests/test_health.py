"""/healthz: 200 when the database and the media storage work, 503 without details otherwise."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_login_or_cookies(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert list(tmp_path.iterdir()) == []  # its probe file is gone


def test_healthz_answers_503_when_media_cannot_be_written_and_says_no_more(
    client, settings, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text == "unavailable\n"


def test_healthz_refuses_a_post(client):
    assert client.post("/healthz").status_code == 405
