"""Server time of the dashboard, the measure list and the public organisation page at scale.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1,100,8000] [--measures 15] [--entries 10]
                                              [--index "CREATE INDEX ..."]

Runs itself inside a throwaway PostgreSQL cluster (pg_virtualenv), fills it with
generate_scale_data up to each size in turn (1, then 100, then 8,000 organisations of 15 measures
× 10 entries: 1.2 million entries), and times each page for the first organisation with Django's
test Client in-process (the median of 15 requests after 3 warm-up ones). Prints a table and writes
it to bench/results-dashboard.md. ``--index`` creates an index by hand before timing, to try one
out without a migration. Target: each page under 100 ms at 8,000 organisations and no more than
1.5× its time at 1 organisation.
"""

import argparse
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP, RUNS = 3, 15
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


def _median_ms(client, url):
    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,8000")
    parser.add_argument("--measures", type=int, default=15)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--index", action="append", default=[],
                        help="SQL to run before timing, e.g. a CREATE INDEX to try")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results-dashboard.md"))
    args = parser.parse_args()
    _in_throwaway_postgres()
    _setup_django()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from measures.models import Membership, Organisation
    from reports import dashboard
    from reports.scale import scale_generate

    call_command("migrate", verbosity=0)
    call_command("load_ita_catalog", verbosity=0)
    with connection.cursor() as cursor:
        for sql in args.index:
            cursor.execute(sql)
    from datetime import date

    # A fixed "today" in the plan's year, so that overdue and upcoming lists are not empty.
    dashboard.today = lambda: date(2023, 6, 15)

    sizes = [int(s) for s in args.sizes.split(",")]
    rows, made = [], 0
    for size in sizes:
        started = time.perf_counter()
        scale_generate(orgs=size - made, measures=args.measures, entries=args.entries,
                       progress=lambda done, total: print(f"  {done:,}/{total:,}", flush=True),
                       batch=500)
        made = size
        print(f"{size:,} organisations ready in {time.perf_counter() - started:.1f} s", flush=True)
        org = Organisation.objects.get(slug="scale-00000")
        from django.contrib.auth import get_user_model

        user, _ = get_user_model().objects.get_or_create(username="bench.executive")
        Membership.objects.get_or_create(user=user, organisation=org,
                                         defaults={"role": "executive"})
        client = Client()
        client.force_login(user)
        urls = {
            "dashboard": reverse("reports:dashboard", args=[org.slug]) + "?year=2566",
            "measure list": reverse("reports:measure-list", args=[org.slug])
            + "?year=2566&sort=deadline",
            "public page": reverse("reports:organisation", args=[org.slug]),
        }
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM measures_progressentry")
            entries = cursor.fetchone()[0]
        rows.append((size, entries, {name: _median_ms(client, url) for name, url in urls.items()}))
        print(rows[-1], flush=True)
    _report(rows, args)


def _report(rows, args):
    names = list(rows[0][2])
    base = rows[0][2]
    lines = [
        "# Dashboard benchmark",
        "",
        f"Median server time (ms) of {RUNS} requests after {WARM_UP} warm-up ones, Django test "
        "Client in-process, PostgreSQL (pg_virtualenv), DEBUG off; one organisation of "
        f"{args.measures} measures × {args.entries} entries among N. In brackets: × the time at "
        f"{rows[0][0]:,} organisation(s). Target: < {TARGET_MS} ms and ≤ {TARGET_RATIO}×.",
        "",
        "`" + " ".join(["python bench/bench_dashboard.py", *sys.argv[1:]]) + "`",
        "",
        "| organisations | entries in DB | " + " | ".join(names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for size, entries, times in rows:
        cells = [f"{times[n]:.1f} ({times[n] / base[n]:.2f}×)" for n in names]
        lines.append(f"| {size:,} | {entries:,} | " + " | ".join(cells) + " |")
    last = rows[-1][2]
    ok = all(last[n] < TARGET_MS and last[n] <= TARGET_RATIO * base[n] for n in names)
    lines += ["", f"Target met at {rows[-1][0]:,} organisations: {'yes' if ok else 'NO'}."]
    if args.index:
        lines += ["", "Indexes created by hand for this run:", *[f"- `{s}`" for s in args.index]]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
