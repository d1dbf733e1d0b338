"""WSGI entry point for production servers (e.g. gunicorn itaportal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaportal.settings")
application = get_wsgi_application()
