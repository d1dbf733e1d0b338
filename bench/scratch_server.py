"""`make serve`'s production server on a scratch database with the demo, for the benches.

As tests/test_production_server.py starts it: DEBUG=0, collectstatic (whitenoise's hashed and
compressed copies), gunicorn with deploy/gunicorn.conf.py; plain HTTP on 127.0.0.1.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scratch_env(scratch, **extra):
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DEBUG": "0",
        "HTTPS": "0",
        "SECURE_COOKIES": "0",
        "SECRET_KEY": "bench-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
        or f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "STATIC_ROOT": str(scratch / "static"),
        "LOG_LEVEL": "ERROR",
        "EVENT_LOG_LEVEL": "WARNING",  # no JSON line per request on the bench's terminal
        **extra,
    }


def manage(env, *args, root=ROOT):
    subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL
    )


@contextlib.contextmanager
def production_server(*, root=ROOT, workers=2, prepare=None, **extra_env):
    """Yields (base URL, env, scratch folder) of a gunicorn serving the demo organisation.

    ``root`` is the checkout to serve (another one, such as an earlier commit's, to compare);
    ``prepare(env)`` runs after the demo is loaded, before gunicorn starts."""
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as scratch:
        scratch = Path(scratch)
        port = free_port()
        env = scratch_env(scratch, PORT=str(port), WEB_CONCURRENCY=str(workers), **extra_env)
        manage(env, "migrate", "--noinput", "-v0", root=root)
        manage(env, "load_demo", "--force", "-v0", root=root)
        manage(env, "collectstatic", "--noinput", "-v0", root=root)
        if prepare:
            prepare(env)
        process = subprocess.Popen(  # noqa: S603 (our own gunicorn)
            [Path(PYTHON).parent / "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(scratch / "gunicorn.log").open("w"),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=30)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield base, env, scratch
        finally:
            process.terminate()
            process.wait(timeout=30)
