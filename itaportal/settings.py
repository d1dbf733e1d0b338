"""Settings for ITA Portal, configured by environment variables (see .env.example).

The defaults run the demo on a SQLite file with no set-up. Production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); behind TLS also HTTPS=1, and behind a reverse proxy
TRUSTED_PROXIES (deploy/README.md).
"""

import ipaddress
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from itaportal.env import env_bool, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent


load_env_file(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", "1")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal needs a long random secret key: "
            "see .env.example."
        )
    # Only for a developer's machine: sessions signed with it are worthless elsewhere.
    SECRET_KEY = "insecure-development-key-never-used-with-debug-off"  # noqa: S105
elif not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith("insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is too short or a placeholder: use 32 or more random characters."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the host names the portal serves.")
HTTPS = env_bool("HTTPS", "0")
# Addresses or networks of the reverse proxies whose X-Forwarded-* headers are believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error} (addresses or networks)") from None
if TRUSTED_PROXIES:
    # Behind a TLS proxy Django sees plain HTTP: without this every POST fails the origin check.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The origins a form may be posted from: given, or every allowed host over HTTPS.
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    ",".join(f"https://{'*' if h.startswith('.') else ''}{h}" for h in ALLOWED_HOSTS if h != "*")
    if HTTPS
    else "",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "itaportal.apps.AxesConfig",  # django-axes under a Thai name in the admin
    "csp",
    "itaportal",
    "measures",
    "reports",
]

MIDDLEWARE = [
    # First: it gives every request its id and logs every response, redirects included.
    "itaportal.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from collectstatic's folder; with DEBUG on, runserver serves them itself.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "itaportal.sessions.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "itaportal.urls"
WSGI_APPLICATION = "itaportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "measures.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database for an office: readers never wait for the writer
    # (WAL); a transaction takes the write lock when it begins (IMMEDIATE), so it never reads,
    # then fails to upgrade to a write with "database is locked"; a writer waits up to 20 s
    # for its turn instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first; existing PBKDF2 hashes still verify and are upgraded at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "measures.password_validation.OrganisationNameSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in throttling (django-axes): 5 failures of one username from one address lock that pair
# for 15 minutes. Per pair, not per address: one colleague's typos behind the office's shared
# address do not lock everyone else out.
AUTHENTICATION_BACKENDS = [
    "measures.auth_backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The same address the logs show: the proxy's X-Forwarded-For only from a trusted proxy.
AXES_CLIENT_IP_CALLABLE = "itaportal.proxy.client_address"
# The open-data API (/api/v1/): requests one client address may make per window (seconds).
# Counted in Django's cache: with the default per-process cache each worker counts apart.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "120"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))
# Password reset requests (itaportal/passwords.py): per e-mail address and per client address,
# per window (seconds). Same per-process caveat as above.
PASSWORD_RESET_RATE_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_RATE_PER_EMAIL", "3"))
PASSWORD_RESET_RATE_PER_CLIENT = int(os.environ.get("PASSWORD_RESET_RATE_PER_CLIENT", "10"))
PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_WINDOW", "3600"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "measures:my-work"
LOGOUT_REDIRECT_URL = "reports:home"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
# Thai for what Django, django-axes and django-simple-history leave in English in the admin
# (locale/th/LC_MESSAGES/*.po; the compiled .mo files are committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Uploads (emblems, evidence) live outside static files and are served by views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
# Uploads and publications: files under MEDIA_ROOT on one host; MEDIA_STORAGE=s3 keeps them in an
# S3-compatible object store shared by several app servers (deploy/README.md, "More than one
# host"). Objects are private: every read goes through a view that checks access (and, for a
# publication, its checksum); names are never overwritten.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "files")
if MEDIA_STORAGE not in ("files", "s3"):
    raise ImproperlyConfigured("MEDIA_STORAGE is files or s3")
MEDIA_STORAGE_BACKEND = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", ""),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
    if MEDIA_STORAGE == "s3"
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
if MEDIA_STORAGE == "s3" and not MEDIA_STORAGE_BACKEND["OPTIONS"]["bucket_name"]:
    raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET")
# Local copies of stored files that the PDF renderer reads (the emblem) when they live in an
# object store.
MEDIA_CACHE_DIR = Path(
    env_str("MEDIA_CACHE_DIR", "") or Path(tempfile.gettempdir()) / "itaportal-media"
)
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    # In production: hashed names (cached for a year by browsers) and gzip/brotli copies.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "itaportal.static_storage.StaticFilesStorage"
    },
}
# Pages link static files by their hashed names only ({% static %}): the unhashed copies and
# their compressed twins would double collectstatic's work and the folder's size. Source maps
# (for developer tools) and the TTFs (read by the PDF renderer from static/, never sent to
# browsers, which get the WOFF2 subsets) are not worth compressing.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("woff", "woff2", "mp4", "webm"),
    *("map", "ttf"),
)
# X_ACCEL=1 behind the nginx site of deploy/: a published PDF, once its checksum is verified, is
# sent by nginx from this internal location (it maps to MEDIA_ROOT), not through a worker.
X_ACCEL = env_bool("X_ACCEL", "0")
if X_ACCEL and MEDIA_STORAGE != "files":
    raise ImproperlyConfigured("X_ACCEL=1 needs MEDIA_STORAGE=files: nginx reads MEDIA_ROOT")
X_ACCEL_MEDIA_URL = "/internal-media/"
# The request body cap; deploy/nginx's client_max_body_size matches it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# A PDF render may grow its (forked) process by this much address space, not more; the
# 12-month report of a 30-measure plan grows it by about 140 MB (bench/bench_render.py).
PDF_RENDER_MEMORY_MB = int(os.environ.get("PDF_RENDER_MEMORY_MB", "1024"))
# Uploads: an image's pixels are counted from its header before it is decoded (a small PNG
# can declare 12,000 × 12,000 pixels and cost gigabytes), and one progress entry's files add up
# to no more than this.
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", str(25_000_000)))
MAX_EVIDENCE_BYTES_PER_ENTRY = int(os.environ.get("MAX_EVIDENCE_MB_PER_ENTRY", "50")) * 1024 * 1024

# E-mail (invitations, password resets, daily reminders): an SMTP server when EMAIL_HOST is
# set, else the messages are printed on the console (development).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "587" if env_bool("EMAIL_USE_TLS", "0") else "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "0")
# A stuck mail server must not hold a page (or the reminder run) for ever.
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ITA Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as links in e-mails sent outside a request (reminders) start with it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A password-reset link works for a day (Django's default is three); its e-mail says so.
PASSWORD_RESET_TIMEOUT = 24 * 3600

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end after SESSION_IDLE_HOURS without a request (renewed while used, at most every five
# minutes); staff sessions also end when the browser closes (itaportal/sessions.py).
SESSION_COOKIE_AGE = int(float(env_str("SESSION_IDLE_HOURS", "8")) * 3600)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(
    "SECURE_COOKIES", "1" if HTTPS or not DEBUG else "0"
)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # The load balancer's or systemd's health probe may come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(env_str("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", "0")
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole registered domain, usually the organisation's, not only
        # the portal: that is the domain owner's decision (HSTS_PRELOAD=1), not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Scripts, styles, fonts and images only from our own static files: no inline script or style
# (templates link static/js and static/css), no eval. The one inline style, a published table's
# column widths, carries the request's nonce (NONCE is left out of the header when unused).
# data: for Bootstrap's SVG icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# JSON lines on stdout (itaportal/logs.py): the portal's events at INFO, others from LOG_LEVEL.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "itaportal.logs.JsonLinesFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"itaportal": {"level": env_str("EVENT_LOG_LEVEL", "INFO")}},
}
