# Everyday commands. The README names `make demo` and `make test`.
.PHONY: install install-dev demo run serve migrate test test-sqlite lint format

# The development server's port: make demo PORT=8080
PORT ?= 8000

install:
	scripts/install.sh

install-dev:
	scripts/install.sh dev

migrate: install
	.venv/bin/python manage.py migrate --verbosity 0

# Installs, loads the catalog and the demo organisation, and serves http://127.0.0.1:$(PORT)
demo: migrate
	DEBUG=1 .venv/bin/python manage.py load_demo
	DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:$(PORT)

run:
	DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:$(PORT)

# Production on this machine, configured by .env (DEBUG=0, SECRET_KEY, ALLOWED_HOSTS…; see
# .env.example): migrates, collects static files, runs gunicorn on 127.0.0.1:$PORT.
serve: install
	.venv/bin/python manage.py migrate --noinput --verbosity 0
	.venv/bin/python manage.py collectstatic --noinput --verbosity 0
	exec .venv/bin/gunicorn --config deploy/gunicorn.conf.py

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
