"""Downloads of a published PDF: gunicorn alone, nginx alone, nginx with X_ACCEL=1, in one run.

    .venv/bin/python bench/load_pdf.py [--seconds 10] [--connections 64]

Starts the production server (bench/scratch_server.py) on a scratch SQLite with the demo (whose
last fiscal year's documents are published: real PDFs), then a second gunicorn on the same database
and media with X_ACCEL=1, and the shipped nginx site (deploy/nginx/itaportal.conf: ports, TLS
certificate, upstream and media folder swapped, as tests/test_production_server.py does) in front
of it, with one extra location that serves the publications folder directly. wrk (Debian's
package) loads each for the same time with the same connections, over keep-alive, client and
servers sharing the machine's 2 cores:

1. gunicorn alone, X_ACCEL off: the worker reads, verifies and sends the bytes;
2. nginx alone: the same file from the folder, no portal;
3. the shipped nginx site → gunicorn with X_ACCEL=1: the site keeps a published PDF's answer for
   one second (the portal verifies the bytes and sends them; nginx answers the rest of that
   second from its cache).

Prints requests/s, latency p50/p99 and errors of each. Target: 3. at least half of 2.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_server import PYTHON, ROOT, free_port, production_server

PUBLISHED = """
from reports.models import Publication
p = Publication.objects.filter(
    plan__organisation__slug="thungdaoruang", kind="measures"
).latest("published_at")
print(p.get_absolute_url(), p.file.name, p.size)
"""


def published_measures(env):
    out = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", "shell", "-c", PUBLISHED],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[-3], out[-2], int(out[-1])


def wait_for(url):
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=30)  # noqa: S310 (our own server)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def nginx_start(prefix, upstream, media):
    """The shipped site on local ports, with a throwaway certificate; returns (process, https)."""
    cert, key = prefix / "cert.pem", prefix / "key.pem"
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(  # noqa: S603
        [*openssl, "-keyout", key, "-out", cert, "-subj", "/CN=ita.example.go.th"],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    site = (ROOT / "deploy" / "nginx" / "itaportal.conf").read_text(encoding="utf-8")
    site = re.sub(r"\n\s*listen \[::\][^;]*;", "", site)
    for shipped, local in {
        "server 127.0.0.1:8000;": f"server {upstream};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/letsencrypt/live/ita.example.go.th/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/ita.example.go.th/privkey.pem": str(key),
        "alias /srv/itaportal/media/;": f"alias {media}/;",
        "/var/cache/nginx/itaportal": str(prefix / "cache"),
        # The bench's own location: the same files straight from the folder.
        "    location /media/ {": f"    location /direct/ {{\n        alias {media}/;\n    }}\n"
        "    location /media/ {",
    }.items():
        assert shipped in site, shipped
        site = site.replace(shipped, local)
    (prefix / "site.conf").write_text(site, encoding="utf-8")
    temp = "\n".join(
        f"{kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes auto;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'};\nevents {{ worker_connections 1024; }}\n"
        f"http {{\naccess_log off;\n{temp}\ninclude {prefix / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    )
    return process, f"https://127.0.0.1:{https_port}"


def wrk(url, seconds, connections):
    """(requests/s, p50 ms, p99 ms, errors) of one wrk run."""
    out = subprocess.run(  # noqa: S603
        ["wrk", "--latency", "-t2", f"-c{connections}", f"-d{seconds}s", url],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def ms(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rate, ms(50), ms(99), int(errors[1]) if errors else 0, socket_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    published = {}

    def prepare(env):
        published["url"], published["name"], published["size"] = published_measures(env)

    with (
        production_server(prepare=prepare, TRUSTED_PROXIES="127.0.0.1") as (base, env, scratch),
        tempfile.TemporaryDirectory(prefix="ita-nginx-") as prefix,
    ):
        accel_port = free_port()
        accel = subprocess.Popen(  # noqa: S603 (our own gunicorn)
            [Path(PYTHON).parent / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "X_ACCEL": "1", "PORT": str(accel_port)},
            stderr=(scratch / "gunicorn-accel.log").open("w"),
        )
        nginx, https = nginx_start(Path(prefix), f"127.0.0.1:{accel_port}", env["MEDIA_ROOT"])
        try:
            wait_for(f"http://127.0.0.1:{accel_port}/healthz")
            time.sleep(0.5)  # nginx's workers listening
            direct = published["name"].removeprefix("publications/")
            targets = {
                "gunicorn alone (X_ACCEL off)": base + published["url"],
                "nginx alone (the file from the folder)": f"{https}/direct/publications/{direct}",
                "shipped nginx site → gunicorn, X_ACCEL=1": https + published["url"],
            }
            print(
                f"PDF of {published['size'] / 1024:.0f} KiB; {args.connections} connections, "
                f"{args.seconds} s each, wrk -t2"
            )
            results = {}
            for name, url in targets.items():
                wrk(url, 2, args.connections)  # warm-up: workers' imports, TLS sessions
                results[name] = wrk(url, args.seconds, args.connections)
                rate, p50, p99, errors, socket_errors = results[name]
                print(
                    f"{name}: {rate:,.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
                    f"errors {errors}{', socket ' + socket_errors[1] if socket_errors else ''}",
                    flush=True,
                )
        finally:
            nginx.terminate()
            accel.terminate()
            nginx.wait(timeout=30)
            accel.wait(timeout=30)
    print("\n| served by | requests/s | p50 (ms) | p99 (ms) | errors |\n|---|---:|---:|---:|---:|")
    for name, (rate, p50, p99, errors, _) in results.items():
        print(f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {errors} |")
    ratio = (
        results["shipped nginx site → gunicorn, X_ACCEL=1"][0]
        / results["nginx alone (the file from the folder)"][0]
    )
    print(f"\nthe shipped site / nginx alone: {ratio:.0%} (target ≥ 50 %)")


if __name__ == "__main__":
    main()
