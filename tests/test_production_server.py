"""`make serve`'s server for real: gunicorn with the production settings on a scratch database,
then deploy/nginx/itaportal.conf in front of it with a throwaway certificate.

Each is started once for the module (migrate, collectstatic and gunicorn take a few seconds)."""

import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

# The server always runs on its own scratch SQLite database: the PostgreSQL leg would repeat it.
# django_db: the scratch database starts as a copy of the test database, which pytest-django
# creates only when a test asks for it.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent
HOST = "ita.example.go.th"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("serve")
    port = free_port()
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "s" * 20 + "-a-real-enough-random-key-0123456789",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "STATIC_ROOT": str(scratch / "static"),
        "TRUSTED_PROXIES": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }


@pytest.fixture(scope="module")
def server(server_env, django_db_setup, django_db_blocker):
    env = server_env
    bin_dir = Path(sys.executable).parent
    # The test database is migrated already: starting from a copy spares CI a full migrate of
    # the scratch database (half a minute on a loaded machine). `migrate` still runs, as in
    # `make serve`, and finds the database current.
    with (
        django_db_blocker.unblock(),
        sqlite3.connect(env["DATABASE_URL"][len("sqlite:///") :]) as copy,
    ):
        connection.ensure_connection()
        connection.connection.backup(copy)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )
    process = subprocess.Popen(
        [bin_dir / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=(Path(env["MEDIA_ROOT"]).parent / "stdout.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:  # stopped even when it never answers
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=30)  # noqa: S310 (our http URL)
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url, opener=None, data=None, **headers):
    request = urllib.request.Request(url, data=data, headers={"Host": HOST, **headers})  # noqa: S310
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=30)
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


# --- nginx in front ---------------------------------------------------------------------------


def wait_for_port(port):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def nginx(server, tmp_path_factory):
    """The shipped site with local ports, a self-signed certificate and the test's gunicorn."""
    prefix = tmp_path_factory.mktemp("nginx")
    cert, key = prefix / "cert.pem", prefix / "key.pem"
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(
        [*openssl, "-keyout", key, "-out", cert, "-subj", f"/CN={HOST}"],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    site = (ROOT / "deploy" / "nginx" / "itaportal.conf").read_text(encoding="utf-8")
    site = re.sub(r"\n\s*listen \[::\][^;]*;", "", site)
    for shipped, local in {
        "server 127.0.0.1:8000;": f"server {server.removeprefix('http://')};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
        "/var/cache/nginx/itaportal": str(prefix / "cache"),
    }.items():
        assert shipped in site, shipped
        site = site.replace(shipped, local)
    (prefix / "site.conf").write_text(site, encoding="utf-8")
    temp_paths = (
        "\n".join(
            f"{kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi")
        )
        + f"\nuwsgi_temp_path {prefix / 'uwsgi'};\nscgi_temp_path {prefix / 'scgi'};"
    )
    (prefix / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\naccess_log off;\n{temp_paths}\ninclude {prefix / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx_bin, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command)
    try:
        wait_for_port(https_port)
        yield {"http": f"http://127.0.0.1:{http_port}", "https": f"https://127.0.0.1:{https_port}"}
    finally:
        process.terminate()
        process.wait(timeout=30)


def tls_opener(*handlers):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own throwaway certificate
    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), NoRedirect, *handlers
    )


def test_behind_nginx_plain_http_is_redirected_to_https(nginx):
    status, headers, _ = get(f"{nginx['http']}/accounts/login/")
    assert status == 301 and headers["Location"] == f"https://{HOST}/accounts/login/"


def test_behind_nginx_a_form_posted_over_tls_passes_the_origin_check(nginx):
    """Django sees https through X-Forwarded-Proto: without it every POST is a 403."""
    opener = tls_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    status, headers, body = get(f"{nginx['https']}/accounts/login/", opener)
    assert status == 200
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])  # nginx's $request_id
    assert "Strict-Transport-Security" in headers
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode())[1]
    form = f"csrfmiddlewaretoken={token}&username=somchai&password=wrong".encode()
    status, _, body = get(
        f"{nginx['https']}/accounts/login/",
        opener,
        data=form,
        Origin=f"https://{HOST}",
        Referer=f"https://{HOST}/accounts/login/",
    )
    assert status == 200, body.decode()[:300]  # the form again, with its error; not a 403


def test_behind_nginx_media_is_never_served_from_the_folder(nginx):
    status, _, _ = get(f"{nginx['https']}/media/evidence/anything.pdf", tls_opener())
    assert status == 404


def test_behind_nginx_a_body_over_the_upload_cap_is_refused(nginx):
    status, _, _ = get(
        f"{nginx['https']}/accounts/login/", tls_opener(), data=b"x" * (13 * 1024 * 1024)
    )
    assert status == 413


def test_behind_nginx_the_internal_media_location_answers_no_client(nginx):
    """Only the portal's X-Accel-Redirect, after its checks, reaches the files behind it."""
    status, _, _ = get(f"{nginx['https']}/internal-media/publications/anything.pdf", tls_opener())
    assert status == 404


PUBLISH = """
import hashlib
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from reports.models import Publication
from tests.factories import make_organisation, make_plan, make_user
call_command("load_ita_catalog", verbosity=0)
data = b"%PDF-1.7 published"
publication = Publication(
    plan=make_plan(make_organisation(slug="bandon"), 2566), kind="measures", layout="plan",
    revision=1, title="มาตรการ", sha256=hashlib.sha256(data).hexdigest(), size=len(data),
    published_at=timezone.now(), published_by=make_user(), data={},
)
publication.file.save("measures.pdf", ContentFile(data), save=False)
publication.save()
print(publication.file.path)
"""


@pytest.fixture(scope="module")
def published_file(server_env, server):
    """A publication in the served database (its row written directly: the render is not what
    these tests are about); the path of its file."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PUBLISH],
        cwd=ROOT,
        env=server_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.split()[-1])


def test_behind_nginx_a_published_pdf_is_verified_by_the_portal_at_most_once_a_second(
    nginx, published_file
):
    url = f"{nginx['https']}/bandon/2566/measures.pdf"
    first, again = get(url, tls_opener()), get(url, tls_opener())
    assert first[0] == again[0] == 200
    assert first[2] == again[2] == b"%PDF-1.7 published"
    assert first[1]["X-Cache-Status"] == "MISS" and again[1]["X-Cache-Status"] == "HIT"

    published_file.write_bytes(b"%PDF-1.7 forged!!!")  # the same size, other bytes
    # Kept "1s", counted by nginx in whole seconds: gone within two seconds of being stored.
    time.sleep(2.1)
    status, headers, body = get(url, tls_opener())
    assert status == 503 and b"forged" not in body
    assert headers["X-Cache-Status"] in ("EXPIRED", "MISS")


def test_behind_nginx_no_page_is_kept(nginx, published_file):
    status, headers, _ = get(f"{nginx['https']}/bandon/", tls_opener())
    assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
