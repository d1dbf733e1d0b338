"""The read-only open-data API under /api/v1/: public data only, written as JSON by
django-ninja, which also writes the OpenAPI schema from the typed schemas in schemas.py."""
