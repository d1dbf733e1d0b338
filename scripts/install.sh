#!/usr/bin/env bash
# Creates .venv and installs the pinned Python packages (with the test tools when given "dev").
set -euo pipefail
cd "$(dirname "$0")/.."

python=$(command -v python3.11 || command -v python3)
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "ITA Portal needs Python 3.11; found $("$python" --version 2>&1) at $python" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv || {
    echo "Could not create .venv: on Debian install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  }
fi
requirements=requirements.txt
[ "${1:-}" = "dev" ] && requirements=requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
