"""Server time of member search, public search and the open-data API's lists at scale.

    .venv/bin/python bench/bench_search.py [--sizes 1,100,8000] [--measures 15] [--entries 10]

Like bench_dashboard.py: runs itself inside a throwaway PostgreSQL cluster (pg_virtualenv -t),
makes one database per size from a migrated template with the ITA catalog, fills it with
generate_scale_data, publishes each plan's 12-month report (rows only, no PDF: so approved
progress is public), builds the search index with the search_reindex service, then times each
URL for the first organisation with Django's test Client in-process: 7 rounds that visit the
sizes in turn, 1 untimed and 3 timed requests per URL each time, median of the 21. Prints a
table and writes it to bench/results-search.md.
Target (issue 15): each under 100 ms median at 8,000 organisations, the same query count at
every size.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_bench import (
    PER_ROUND,
    ROOT,
    ROUNDS,
    count_queries,
    in_throwaway_postgres,
    scale_database,
    setup_django,
    time_interleaved,
    use_database,
)

TARGET_MS = 100


def _publish_all(user):
    """A 12-month report row for every plan (its file is never read here)."""
    from django.utils import timezone

    from measures.models import MeasurePlan
    from reports.models import Publication

    now = timezone.now()
    Publication.objects.bulk_create(
        [
            Publication(
                plan_id=plan_id,
                kind="progress-12",
                layout="plan",
                revision=1,
                title="รายงานผลการดำเนินการ รอบ ๑๒ เดือน",
                file=f"publications/bench-{plan_id}.pdf",
                sha256="0" * 64,
                size=1,
                published_at=now,
                published_by=user,
                data={},
            )
            for plan_id in MeasurePlan.objects.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )


def _build(size, template, args):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from measures.models import Membership, Organisation
    from measures.search.indexing import search_reindex
    from reports.public_search import search_documents_reindex

    name = f"bench_search_{size}"
    generated = scale_database(name, template, size, args)
    org = Organisation.objects.get(slug="scale-00000")
    user = get_user_model().objects.create(username="bench.staff")
    membership = Membership.objects.create(user=user, organisation=org, role="staff")
    membership.units.set([org.units.order_by("order").first()])
    _publish_all(user)
    started = time.perf_counter()
    rows = search_reindex(
        progress=lambda done, total, rows: print(
            f"  indexed {done:,}/{total:,} organisations, {rows:,} rows,"
            f" {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    )
    search_documents_reindex(organisations=Organisation.objects.all())
    with connection.cursor() as cursor:
        # As autovacuum would in time: GIN's pending list merged, and the planner's statistics.
        cursor.execute("VACUUM ANALYZE")
    indexed = time.perf_counter() - started
    print(f"{size:,}: generated {generated:.1f} s, {rows:,} rows indexed in {indexed:.1f} s")
    client = Client()
    client.force_login(user)
    search = reverse("reports:search")
    province = org.province
    urls = {
        "member search": reverse("measures:search", args=[org.slug]) + "?q=ผลการดำเนินการ",
        "public search, province": f"{search}?q=มาตรการสังเคราะห์&province={province}&year=2566",
        "public search, all": f"{search}?q=มาตรการสังเคราะห์",
        "API organisations": reverse("api:organisations"),
        "API documents": reverse("api:documents", args=[org.slug]),
    }
    return name, generated, indexed, client, urls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,8000")
    parser.add_argument("--measures", type=int, default=15)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results-search.md"))
    args = parser.parse_args()
    in_throwaway_postgres()
    os.environ["API_RATE_LIMIT"] = "1000000"  # the bench is one address asking many times
    setup_django()

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_ita_catalog", verbosity=0)
    template = connection.settings_dict["NAME"]
    sizes = [int(s) for s in args.sizes.split(",")]
    built = {size: _build(size, template, args) for size in sizes}
    targets = {size: (b[0], b[3], b[4]) for size, b in built.items()}
    load_before = os.getloadavg()
    medians = time_interleaved(targets)
    queries = count_queries(targets)
    args.load = (load_before, os.getloadavg())
    rows = []
    for size, (name, generated, indexed, _client, urls) in built.items():
        use_database(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM measures_progressentry")
            entries = cursor.fetchone()[0]
        pages = {page: (medians[size, page], *queries[size, page]) for page in urls}
        rows.append((size, entries, generated, indexed, pages))
        print(rows[-1], flush=True)
    use_database(template)
    _report(rows, args)


def _report(rows, args):
    names = list(rows[0][4])
    lines = [
        "# Search and open-data API benchmark",
        "",
        f"Median server time (ms) of {ROUNDS * PER_ROUND} requests per URL and size, Django "
        f"test Client in-process, in {ROUNDS} rounds that visit the sizes in turn, PostgreSQL "
        "(pg_virtualenv), one database per size, DEBUG off. Each organisation has "
        f"{args.measures} measures × {args.entries} entries, an announced plan and a published "
        "12-month report (rows only), so its measures and approved entries are public. Member "
        "search: a staff member of one unit of the first organisation asks ผลการดำเนินการ (a "
        "word of every entry); public search: มาตรการสังเคราะห์ (a word of every measure of "
        "every organisation), once filtered by the first organisation's province and year, once "
        f"across all. Target: < {TARGET_MS} ms, and the same query count at every size.",
        "",
        "`" + " ".join(["python bench/bench_search.py", *sys.argv[1:]]) + "`",
        "",
        "| organisations | entries in DB | " + " | ".join(names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for size, entries, _g, _i, pages in rows:
        cells = [f"{pages[n][0]:.1f}" for n in names]
        lines.append(f"| {size:,} | {entries:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "SQL per URL (queries / database ms of one request), and the time generate_scale_data "
        "and the search index build (search_reindex) took:",
        "",
        "| organisations | generated in | indexed in | " + " | ".join(names) + " |",
        "|---:|---:|---:|" + "---:|" * len(names),
    ]
    for size, _e, generated, indexed, pages in rows:
        cells = [f"{pages[n][1]} / {pages[n][2]:.1f}" for n in names]
        lines.append(
            f"| {size:,} | {generated:.1f} s | {indexed:.1f} s | " + " | ".join(cells) + " |"
        )
    (before, after) = args.load
    lines += [
        "",
        "Load average (1, 5, 15 min) of the machine (shared) when timing began: "
        + ", ".join(f"{x:.2f}" for x in before)
        + "; when it ended: "
        + ", ".join(f"{x:.2f}" for x in after)
        + ".",
    ]
    last = rows[-1][4]
    counts_same = all(len({r[4][n][1] for r in rows}) == 1 for n in names)
    slow = [n for n in names if last[n][0] >= TARGET_MS]
    lines += [
        "",
        f"At {rows[-1][0]:,} organisations: under {TARGET_MS} ms: "
        + ("all" if not slow else "not " + ", ".join(slow))
        + f"; same query count at every size: {'yes' if counts_same else 'NO'}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
