# Everyday commands. The README names `make demo` and `make test`.
.PHONY: install install-dev demo run migrate test test-sqlite lint format

install:
	scripts/install.sh

install-dev:
	scripts/install.sh dev

migrate: install
	.venv/bin/python manage.py migrate --verbosity 0

# Installs, loads the catalog and the demo organisation, and serves http://127.0.0.1:8000
demo: migrate
	DEBUG=1 .venv/bin/python manage.py load_demo
	DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8000

run:
	DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8000

# Installs everything the tests need and runs them on SQLite and PostgreSQL.
test:
	scripts/test.sh

# Quick loop while developing: SQLite only, no installs.
test-sqlite:
	DATABASE_URL= .venv/bin/python -m pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
