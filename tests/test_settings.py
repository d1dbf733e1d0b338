import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def manage_check(*options, **env):
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE, which --deploy rightly refuses.
    dropped = ("SECRET_KEY", "DEBUG", "HTTPS", "TRUSTED_PROXIES", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_debug_off_the_portal_refuses_to_start_without_a_secret_key():
    result = manage_check(DEBUG="0", ALLOWED_HOSTS="ita.example.go.th")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_with_debug_off_a_placeholder_secret_key_is_refused():
    result = manage_check(DEBUG="0", SECRET_KEY="changeme", ALLOWED_HOSTS="ita.example.go.th")
    assert result.returncode != 0
    assert "too short" in result.stderr


def test_with_debug_off_and_a_real_key_the_portal_starts():
    result = manage_check(
        DEBUG="0", SECRET_KEY="k" * 20 + "-real-random-enough-0123456789", ALLOWED_HOSTS="ita.go.th"
    )
    assert result.returncode == 0, result.stderr


# The production .env documented in .env.example (the database aside).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-real-random-enough-0123456789",
    "ALLOWED_HOSTS": "ita.example.go.th",
    "HTTPS": "1",
    "TRUSTED_PROXIES": "127.0.0.1",
}


def test_the_documented_production_settings_pass_the_deployment_checks():
    result = manage_check("--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_without_https_the_deployment_checks_warn_about_hsts_and_the_redirect():
    result = manage_check("--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "HTTPS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start_with_a_message():
    result = manage_check(**{**PRODUCTION, "TRUSTED_PROXIES": "nginx"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx' does not appear to be an IPv4 or IPv6 network" in result.stderr


def test_an_object_store_without_a_bucket_stops_the_start_with_a_message():
    result = manage_check(**{**PRODUCTION, "MEDIA_STORAGE": "s3"})
    assert result.returncode != 0
    assert "MEDIA_STORAGE=s3 needs S3_BUCKET" in result.stderr


def test_x_accel_with_an_object_store_stops_the_start_with_a_message():
    # nginx can only send files from MEDIA_ROOT on its own machine.
    result = manage_check(**{**PRODUCTION, "MEDIA_STORAGE": "s3", "S3_BUCKET": "b", "X_ACCEL": "1"})
    assert result.returncode != 0
    assert "X_ACCEL=1 needs MEDIA_STORAGE=files" in result.stderr


def test_the_env_example_documents_every_production_setting():
    documented = (ROOT / ".env.example").read_text(encoding="utf-8")
    storage = ["MEDIA_STORAGE", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID", "S3_PREFIX"]
    for name in [
        *PRODUCTION,
        "DATABASE_URL",
        "PORT",
        "SESSION_IDLE_HOURS",
        "WEB_CONCURRENCY",
        *storage,
    ]:
        assert f"{name}=" in documented, name


def test_thai_language_and_bangkok_time():
    assert settings.LANGUAGE_CODE == "th"
    assert settings.TIME_ZONE == "Asia/Bangkok"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_a_env_file_fills_in_only_what_the_environment_lacks(tmp_path, monkeypatch):
    from itaportal.env import load_env_file

    (tmp_path / ".env").write_text(
        "# comment\nITA_TEST_A='from file'\nITA_TEST_B=from file\nnot a setting\n", encoding="utf-8"
    )
    monkeypatch.delenv("ITA_TEST_A", raising=False)
    monkeypatch.setenv("ITA_TEST_B", "from environment")
    load_env_file(tmp_path / ".env")
    assert os.environ["ITA_TEST_A"] == "from file"
    assert os.environ["ITA_TEST_B"] == "from environment"
    monkeypatch.delenv("ITA_TEST_A")
