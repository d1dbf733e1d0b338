"""The portal under a day's mixed load (bench/locustfile.py) at 50 and 200 users, with Locust.

    .venv/bin/python bench/load_mixed.py [--seconds 60] [--users 50 200]
    # PostgreSQL: a throwaway cluster, its database given to the bench
    pg_virtualenv -t -- sh -c 'at=$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT
      BENCH_DATABASE_URL=postgres://$at/$PGDATABASE .venv/bin/python bench/load_mixed.py'

Starts the production server (bench/scratch_server.py: DEBUG=0, gunicorn with
deploy/gunicorn.conf.py's worker count for this machine, the demo in today's year) on a scratch
SQLite, or on BENCH_DATABASE_URL, then runs Locust headless against it for each user count in
turn (users started at --spawn-rate a second, then --seconds of steady load), and prints requests/s,
p50/p95 in ms and failures per request kind and in all. Target: 0 failures at both counts.
Needs Locust (requirements-bench.txt), not installed by CI.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_server import ROOT, production_server

LOCUST = Path(sys.executable).parent / "locust"


def run_locust(base, users, seconds, spawn_rate, folder):
    prefix = Path(folder) / f"u{users}"
    subprocess.run(  # noqa: S603 (our own scenario)
        [
            LOCUST,
            "-f",
            ROOT / "bench" / "locustfile.py",
            "--headless",
            "--host",
            base,
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate),
            "--run-time",
            f"{seconds + math.ceil(users / spawn_rate)}s",
            "--csv",
            prefix,
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        check=False,  # Locust exits 1 when any request failed: the table says which
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def print_table(users, rows):
    print(f"\n{users} users")
    print("| request | count | requests/s | p50 (ms) | p95 (ms) | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.1f} "
            f"| {row['50%']} | {row['95%']} | {row['Failure Count']} |"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    # Each log-in costs an Argon2 hash (~0.2 s of both cores here): ten a second saturate the
    # machine for as long as users keep arriving, which is what the first rate measures.
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    args = parser.parse_args()
    database = "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"
    workers = 2 * os.cpu_count() + 1  # deploy/gunicorn.conf.py's default
    with (
        production_server(workers=workers) as (base, env, _scratch),
        tempfile.TemporaryDirectory() as folder,
    ):
        print(
            f"{database}, gunicorn workers: {env['WEB_CONCURRENCY']}, {os.cpu_count()} cores, "
            f"{args.spawn_rate:g} users started a second"
        )
        for users in args.users:
            print_table(users, run_locust(base, users, args.seconds, args.spawn_rate, folder))


if __name__ == "__main__":
    main()
