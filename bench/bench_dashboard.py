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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_bench import (
    PER_ROUND,
    ROOT,
    ROUNDS,
    WARM_UP,
    count_queries,
    in_throwaway_postgres,
    scale_database,
    setup_django,
    time_interleaved,
    use_database,
)

TARGET_MS, TARGET_RATIO = 100, 1.5


def _build(size, template, args):
    """A database copied from the migrated template and filled with ``size`` organisations;
    returns (database name, seconds generate_scale_data took, signed-in client, page URLs)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from measures.models import Membership, Organisation

    name = f"bench_{size}"
    generated = scale_database(name, template, size, args)
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
    in_throwaway_postgres()
    setup_django()

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
    targets = {size: (b[0], b[2], b[3]) for size, b in built.items()}
    medians = time_interleaved(targets)
    queries = count_queries(targets)
    rows = []
    for size, (name, generated, _client, urls) in built.items():
        use_database(name)
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
    use_database(template)
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
