"""`make serve`'s server for real: gunicorn with the production settings on a scratch database.

Started once for the module (migrate, collectstatic and gunicorn take a few seconds)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "ita.example.go.th"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "s" * 20 + "-a-real-enough-random-key-0123456789",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "STATIC_ROOT": str(scratch / "static"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    bin_dir = Path(sys.executable).parent
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )
    process = subprocess.Popen(
        [bin_dir / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=(scratch / "stdout.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=30)  # noqa: S310 (our http URL)
            break
        except OSError:  # not listening yet
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)


def get(url, **headers):
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})  # noqa: S310

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read()


def test_the_home_page_comes_with_csp_and_hsts_behind_tls(server):
    status, headers, _ = get(f"{server}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_plain_http_request_is_redirected_to_https(server):
    status, headers, _ = get(f"{server}/")
    assert status == 301 and headers["Location"] == f"https://{HOST}/"


def test_the_hashed_stylesheet_the_page_links_is_served_compressed_and_cached_for_long(server):
    _, _, body = get(f"{server}/", **{"X-Forwarded-Proto": "https"})
    stylesheets = re.findall(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body.decode())
    assert stylesheets, "the page links no hashed stylesheet"
    status, headers, _ = get(
        f"{server}{stylesheets[0]}", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1]) >= 365 * 24 * 3600


def test_healthz_answers_200_over_plain_http(server):
    status, _, body = get(f"{server}/healthz")
    assert (status, body) == (200, b"ok\n")
