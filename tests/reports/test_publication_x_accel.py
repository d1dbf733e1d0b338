"""X_ACCEL=1 behind nginx: the portal verifies a published PDF, then nginx sends it
(deploy/nginx/itaportal.conf's internal location); without it the portal sends the bytes."""

import os

import pytest
from django.test import override_settings

from reports.publishing import publication_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(plan, coordinator, fake_pdf):
    return publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)


@override_settings(X_ACCEL=True)
def test_with_x_accel_a_download_hands_the_verified_file_to_nginx(client, published):
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/internal-media/{published.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert "immutable" in response["Cache-Control"]


@override_settings(X_ACCEL=True)
def test_where_nginx_keeps_the_answer_a_second_the_portal_sends_the_verified_bytes(
    client, published
):
    # nginx does not keep an X-Accel-Redirect answer; its PDF cache asks for the bytes.
    response = client.get(published.get_absolute_url(), HTTP_X_PROXY_CACHE="1")
    assert not response.has_header("X-Accel-Redirect")
    assert response.content == published.file.open("rb").read()


def test_without_x_accel_the_portal_sends_the_bytes(client, published):
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200
    assert not response.has_header("X-Accel-Redirect")
    assert response.content == published.file.open("rb").read()
    assert response["Content-Length"] == str(published.size)


@override_settings(X_ACCEL=True)
def test_with_x_accel_a_file_replaced_after_a_good_download_is_refused(client, published):
    """The checksum is remembered for the file as it was seen, not for its name: a same-sized
    forgery moved into place with the old modification time is hashed again and refused."""
    assert client.get(published.get_absolute_url()).status_code == 200
    path = published.file.path
    original = os.stat(path)
    forged = b"%PDF-1.7 forged".ljust(original.st_size, b" ")
    with open(f"{path}.new", "wb") as replacement:
        replacement.write(forged)
    os.utime(f"{path}.new", ns=(original.st_atime_ns, original.st_mtime_ns))
    os.replace(f"{path}.new", path)
    response = client.get(published.get_absolute_url())
    assert response.status_code == 503
    assert not response.has_header("X-Accel-Redirect")
