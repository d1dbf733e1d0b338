"""gunicorn's settings for `make serve` and deploy/itaportal.service, from the environment or .env.

PORT (8000) or BIND, WEB_CONCURRENCY (2 × cores + 1 workers), TRUSTED_PROXIES: see .env.example.
"""

import multiprocessing
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itaportal.env import env_bool, env_str, load_env_file  # noqa: E402

load_env_file(ROOT / ".env")
if env_bool("DEBUG", "1"):
    sys.exit(
        "make serve runs the portal for real: set DEBUG=0, SECRET_KEY and ALLOWED_HOSTS in .env "
        "(see .env.example), or use make demo on a developer's machine."
    )

wsgi_app = "itaportal.wsgi:application"
chdir = str(ROOT)
bind = env_str("BIND", f"127.0.0.1:{env_str('PORT', '8000')}")
# Sync workers: a PDF is rendered in a child forked from the worker, safest from a process that
# serves one request at a time.
worker_class = "sync"
workers = int(env_str("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
# Above the renderer's own 60-second limit, so a slow render ends with its message, not a kill.
timeout = 90
graceful_timeout = 30
# Whose X-Forwarded-Proto gunicorn believes; its default is this machine only.
forwarded_allow_ips = env_str("TRUSTED_PROXIES", "127.0.0.1,::1")
# Every request is logged by the portal itself as a JSON line on stdout (itaportal/logs.py), with
# its request id and user; gunicorn's own messages go to stderr.
accesslog = None
errorlog = "-"
