"""Server time of the dashboard, the measure list and the public organisation page at scale.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1,100,8000] [--measures 15] [--entries 10]
                                              [--index "CREATE INDEX ..."]

Runs itself inside a throwaway PostgreSQL cluster (pg_virtualenv -t), makes one database per size
from a migrated template with the ITA catalog, fills each with generate_scale_data (1, 100 and
8,000 organisations of 15 measures × 10 entries: 1.2 million entries in the largest), and times
each page for the first organisation with Django's test Client in-process: 7 rounds that visit the
sizes in turn, 1 untimed and 3 timed requests per page each time, median of the 21. Prints a
table and writes it to bench/results-dashboard.md. ``--index`` runs SQL (a CREATE INDEX to try)
in the template before the data goes in, to try an index without a migration.
Target: each page under 100 ms at 8,000 organisations and no more than 1.5× its time at 1.
"""

import argparse
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS, WARM_UP, PER_ROUND = 7, 1, 3  # 21 timed requests per page and size
TARGET_MS, TARGET_RATIO = 100, 1.5


def _in_throwaway_postgres():
    """Re-run this script inside pg_virtualenv unless it already runs there."""
    if os.environ.get("BENCH_IN_PG"):
        return
    inner = (
        'BENCH_IN_PG=1 DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" '
        f"exec {shlex.quote(sys.executable)} {shlex.quote(__file__)} "
        + " ".join(shlex.quote(a) for a in sys.argv[1:])
    )
    # pg_virtualenv (postgresql-common) from PATH, as scripts/test.sh uses it.
    # -t: a temporary cluster directory even as root, so it never blocks the test suite's cluster.
    os.execvp("pg_virtualenv", ["pg_virtualenv", "-t", "--", "sh", "-c", inner])  # noqa: S606, S607


def _setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaportal.settings")
    os.environ["DEBUG"] = "0"  # no query log, as in production
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def _use_database(name):
    """Point Django's default connection at another database of the same cluster."""
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


def _build(size, template, args):
    """A database copied from the migrated template and filled with ``size`` organisations;
    returns (database name, seconds generate_scale_data took, signed-in client, page URLs)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from measures.models import Membership, Organisation
    from reports.scale import scale_generate

    name = f"bench_{size}"
    _use_database("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    _use_database(name)
    started = time.perf_counter()
    scale_generate(
        orgs=size,
        measures=args.measures,
        entries=args.entries,
        batch=500,
        progress=lambda done, total: print(f"  {done:,}/{total:,}", flush=True),
    )
    generated = time.perf_counter() - started
    print(f"{size:,} organisations ready in {generated:.1f} s", flush=True)
    org = Organisation.objects.get(slug="scale-00000")
    user = get_user_model().objects.create(username="bench.executive")
    Membership.objects.create(user=user, organisation=org, role="executive")
    client = Client()
    client.force_login(user)
    urls = {
        "dashboard": reverse("reports:dashboard", args=[org.slug]) + "?year=2566",
        "measure list": reverse("reports:measure-list", args=[org.slug])
        + "?year=2566&sort=deadline",
        "public page": reverse("reports:organisation", args=[org.slug]),
    }
    return name, generated, client, urls


def _time_interleaved(built):
    """Median ms per (size, page). Sizes take turns round by round, so that load from other
    processes on the machine weighs on every size alike rather than on whichever ran last."""
    times = {(size, page): [] for size, b in built.items() for page in b[3]}
    for _round in range(ROUNDS):
        for size, (name, _generated, client, urls) in built.items():
            _use_database(name)
            for page, url in urls.items():
                for i in range(WARM_UP + PER_ROUND):
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert response.status_code == 200, url
                    if i >= WARM_UP:
                        times[size, page].append(elapsed)
    return {key: statistics.median(values) for key, values in times.items()}


def _queries(built):
    """(number of SQL queries, their database ms) of one request per (size, page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    found = {}
    for size, (name, _generated, client, urls) in built.items():
        _use_database(name)
        for page, url in urls.items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            found[size, page] = (
                len(queries.captured_queries),
                sum(float(q["time"]) for q in queries.captured_queries) * 1000,
            )
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,8000")
    parser.add_argument("--measures", type=int, default=15)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument(
        "--index",
        action="append",
        default=[],
        help="SQL to run before timing, e.g. a CREATE INDEX to try",
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results-dashboard.md"))
    args = parser.parse_args()
    _in_throwaway_postgres()
    _setup_django()

    from datetime import date

    from django.core.management import call_command
    from django.db import connection

    from reports import dashboard

    call_command("migrate", verbosity=0)
    call_command("load_ita_catalog", verbosity=0)
    with connection.cursor() as cursor:
        for sql in args.index:
            cursor.execute(sql)
    template = connection.settings_dict["NAME"]
    # A fixed "today" in the plan's year, so that overdue and upcoming lists are not empty.
    dashboard.today = lambda: date(2023, 6, 15)

    sizes = [int(s) for s in args.sizes.split(",")]
    built = {size: _build(size, template, args) for size in sizes}
    medians = _time_interleaved(built)
    queries = _queries(built)
    rows = []
    for size, (name, generated, _client, urls) in built.items():
        _use_database(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM measures_progressentry")
            entries = cursor.fetchone()[0]
        rows.append(
            (
                size,
                entries,
                generated,
                {page: (medians[size, page], *queries[size, page]) for page in urls},
            )
        )
        print(rows[-1], flush=True)
    _use_database(template)
    _report(rows, args)


def _report(rows, args):
    names = list(rows[0][3])
    base = {n: rows[0][3][n][0] for n in names}
    lines = [
        "# Dashboard benchmark",
        "",
        f"Median server time (ms) of {ROUNDS * PER_ROUND} requests per page and size, Django "
        f"test Client in-process, in {ROUNDS} rounds that visit the sizes in turn ({WARM_UP} "
        f"untimed request then {PER_ROUND} timed ones per page), PostgreSQL (pg_virtualenv), one "
        "database per size, DEBUG off; one organisation of "
        f"{args.measures} measures × {args.entries} entries among N. In brackets: × the time at "
        f"{rows[0][0]:,} organisation(s). Target: < {TARGET_MS} ms and ≤ {TARGET_RATIO}×.",
        "",
        "`" + " ".join(["python bench/bench_dashboard.py", *sys.argv[1:]]) + "`",
        "",
        "| organisations | entries in DB | " + " | ".join(names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for size, entries, _generated, times in rows:
        cells = [f"{times[n][0]:.1f} ({times[n][0] / base[n]:.2f}×)" for n in names]
        lines.append(f"| {size:,} | {entries:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "SQL per page (queries / database ms of one request), and the time generate_scale_data "
        "took to add the organisations of each row:",
        "",
        "| organisations | generated in | " + " | ".join(names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for size, _entries, generated, times in rows:
        cells = [f"{times[n][1]} / {times[n][2]:.1f}" for n in names]
        lines.append(f"| {size:,} | {generated:.1f} s | " + " | ".join(cells) + " |")
    last = {n: rows[-1][3][n][0] for n in names}
    ok = all(last[n] < TARGET_MS and last[n] <= TARGET_RATIO * base[n] for n in names)
    lines += ["", f"Target met at {rows[-1][0]:,} organisations: {'yes' if ok else 'NO'}."]
    if args.index:
        lines += ["", "Indexes created by hand for this run:", *[f"- `{s}`" for s in args.index]]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
