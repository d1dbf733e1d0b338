"""What the scale benches (bench_dashboard.py, bench_search.py) share: a throwaway PostgreSQL
cluster, Django set up as in production, and timing pages of several databases in turns.

``targets`` maps a size to (database name, logged-in test client, {page: URL})."""

import os
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS, WARM_UP, PER_ROUND = 7, 1, 3  # 21 timed requests per page and size


def in_throwaway_postgres():
    """Re-run the calling script inside pg_virtualenv unless it already runs there."""
    if os.environ.get("BENCH_IN_PG"):
        return
    script = os.path.abspath(sys.argv[0])
    inner = (
        'BENCH_IN_PG=1 DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" '
        f"exec {shlex.quote(sys.executable)} {shlex.quote(script)} "
        + " ".join(shlex.quote(a) for a in sys.argv[1:])
    )
    # pg_virtualenv (postgresql-common) from PATH, as scripts/test.sh uses it.
    # -t: a temporary cluster directory even as root, so it never blocks the test suite's cluster.
    os.execvp("pg_virtualenv", ["pg_virtualenv", "-t", "--", "sh", "-c", inner])  # noqa: S606, S607


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaportal.settings")
    os.environ["DEBUG"] = "0"  # no query log, as in production
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings

    # Pages link static files by name; DEBUG=0 would ask for collectstatic's manifest.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }


def use_database(name):
    """Point Django's default connection at another database of the same cluster."""
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


def time_interleaved(targets):
    """Median ms per (size, page). Sizes take turns round by round, so that load from other
    processes on the machine weighs on every size alike rather than on whichever ran last."""
    times = {(size, page): [] for size, (_n, _c, urls) in targets.items() for page in urls}
    for _round in range(ROUNDS):
        for size, (name, client, urls) in targets.items():
            use_database(name)
            for page, url in urls.items():
                for i in range(WARM_UP + PER_ROUND):
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert response.status_code == 200, (url, response.status_code)
                    if i >= WARM_UP:
                        times[size, page].append(elapsed)
    return {key: statistics.median(values) for key, values in times.items()}


def count_queries(targets):
    """(number of SQL queries, their database ms) of one request per (size, page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    found = {}
    for size, (name, client, urls) in targets.items():
        use_database(name)
        for page, url in urls.items():
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            found[size, page] = (
                len(captured.captured_queries),
                sum(float(q["time"]) for q in captured.captured_queries) * 1000,
            )
    return found


def scale_database(name, template, size, args):
    """Database ``name``, copied from the migrated ``template`` and filled by generate_scale_data
    with ``size`` organisations of ``args.measures`` × ``args.entries``, made the one in use;
    returns the seconds generating took."""
    from django.db import connection

    from reports.scale import scale_generate

    use_database("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    use_database(name)
    started = time.perf_counter()
    scale_generate(
        orgs=size,
        measures=args.measures,
        entries=args.entries,
        batch=500,
        progress=lambda done, total: print(f"  {done:,}/{total:,}", flush=True),
    )
    return time.perf_counter() - started
