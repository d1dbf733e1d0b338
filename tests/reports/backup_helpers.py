"""A small published world for the backup tests, and what it looks like from outside Django."""

import sqlite3
from datetime import date
from pathlib import Path

import psycopg2
from django.core.files.base import ContentFile
from django.core.management import call_command

from measures.models import EvidenceFile, Framework, Membership
from reports.publishing import publication_create
from tests.factories import make_entry, make_measure, make_member, make_organisation, make_plan
from tests.reports.conftest import emblem_png


def published_world():
    """An organisation with an emblem, a plan whose measures are published (the PDF and a copy
    of the emblem stored) and an entry with one evidence file: four files under MEDIA_ROOT."""
    if not Framework.objects.filter(fiscal_year=2565).exists():
        # A transactional test earlier in the run may have flushed the catalog.
        call_command("load_ita_catalog", verbosity=0)
    org = make_organisation(slug="bandon", name_th="องค์การบริหารส่วนตำบลบ้านดอน")
    org.emblem.save("emblem.png", ContentFile(emblem_png()), save=True)
    plan = make_plan(
        org, 2566, announced_on=date(2022, 10, 20), signatory_name="ก", signatory_position="ข"
    )
    entry = make_entry(make_measure(plan, number=1), date(2022, 12, 1), review_state="approved")
    evidence = b"%PDF-1.4 evidence of a public hearing"
    row = EvidenceFile(
        entry=entry, original_name="ประชาคม.pdf", content_type="application/pdf", size=len(evidence)
    )
    row.file.save("ประชาคม.pdf", ContentFile(evidence), save=True)
    coordinator = make_member(org, Membership.Role.COORDINATOR)
    return publication_create(plan=plan, kind="measures", layout="plan", user=coordinator)


def raw_connection(database):
    """A plain DB-API connection to a database of Django's settings form, for comparing two
    databases value by value without Django's converters."""
    if database["ENGINE"].endswith("sqlite3"):
        return sqlite3.connect(database["NAME"])
    return psycopg2.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"],
    )


def table_rows(database):
    """Every table's rows, in a stable order: {table: [row, …]}."""
    connection = raw_connection(database)
    try:
        cursor = connection.cursor()
        if database["ENGINE"].endswith("sqlite3"):
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(name for (name,) in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalog
            rows[table] = sorted(cursor.fetchall(), key=repr)
        return rows
    finally:
        connection.close()


def media_bytes(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }
