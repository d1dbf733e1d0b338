import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.smtp import smtp_inbox  # noqa: F401 (a fixture for every test module)

# Property tests check properties, not speed: on a busy 2-core CI machine one slow draw would
# otherwise fail a run ("input generation is slow") for nothing the code did.
hypothesis_settings.register_profile(
    "portal", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
hypothesis_settings.load_profile("portal")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped ITA catalog, as a real installation does."""
    with django_db_blocker.unblock():
        call_command("load_ita_catalog", verbosity=0)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads, emblems and published files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def fresh_cache():
    """Counters in the cache (the API's rate limit) outlive a test: each starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def framework_2565(db):
    from measures.models import Framework

    return Framework.objects.get(fiscal_year=2565, version=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as in production, not Django's shared in-memory
    one: threads then meet SQLite's real locking (WAL, busy timeout), see test_concurrency."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )
