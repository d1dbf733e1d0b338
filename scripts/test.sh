#!/usr/bin/env bash
# The whole check, as CI runs it: install, lint, Django checks, pending migrations, then the
# full test suite on SQLite and again on a throwaway PostgreSQL cluster. Fails on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  # Debian packages the tests need; installed only when missing (we run as root on CI).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# chromium drives the browser journeys (Playwright cannot download its own browser here);
# poppler-utils reads the PDFs back (pdftotext, pdffonts, pdftoppm).
# nginx-light and openssl: tests/test_production_server.py runs deploy/nginx/itaportal.conf.
apt_install postgresql postgresql-common chromium poppler-utils nginx-light openssl
scripts/install.sh dev

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== manage.py check"
.venv/bin/python manage.py check --fail-level WARNING
echo "== pending migrations"
.venv/bin/python manage.py makemigrations --check --dry-run

# The two legs run side by side: each is one Python process, and CI has two cores. Their output
# goes to logs printed when each ends, so the two never interleave.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Each leg its own temporary folder: a test that checks what a render leaves in /tmp must not
# see the other leg's renders.
mkdir -p "$logs/sqlite-tmpdir" "$logs/postgresql-tmpdir"

# The browser tests (journeys, axe, keyboard) run once, on PostgreSQL, the production database:
# what they check is the pages, and a second run on SQLite cost CI about two and a half minutes.
# Empty rather than unset: settings fill unset variables from a developer's .env.
TMPDIR="$logs/sqlite-tmpdir" DATABASE_URL= .venv/bin/python -m pytest --durations=10 \
  --basetemp="$logs/sqlite-tmp" -m "not browser" "$@" >"$logs/sqlite" 2>&1 &
sqlite_leg=$!

# pg_virtualenv (postgresql-common) starts a cluster in a temporary directory, exports PG*
# variables for it, runs the command and removes the cluster afterwards.
pg_virtualenv -o "fsync=off" -o "synchronous_commit=off" -o "full_page_writes=off" -- \
  sh -c 'TMPDIR="$(dirname "$0")/postgresql-tmpdir" \
         DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE" \
         exec .venv/bin/python -m pytest --durations=10 --basetemp="$0" -m "not sqlite_only" "$@"' "$logs/postgresql-tmp" "$@" \
  >"$logs/postgresql" 2>&1 &
postgresql_leg=$!

failed=0
wait "$sqlite_leg" || failed=1
echo "== tests on SQLite"
cat "$logs/sqlite"
wait "$postgresql_leg" || failed=1
echo "== tests on PostgreSQL"
cat "$logs/postgresql"
exit "$failed"
