import io
from datetime import date
from itertools import count
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from PIL import Image

from measures.models import Membership
from reports import dashboard, publishing
from tests.factories import make_entry, make_measure, make_member, make_organisation, make_plan
from tests.reports.test_dashboard import TODAY, build_known_plan

_renders = count(1)


@pytest.fixture(scope="module")
def known(django_db_setup, django_db_blocker):
    """The dashboard's small known plan, built once per module in a transaction rolled back at
    its end; each test runs in a savepoint inside it, so what a test changes is undone as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_known_plan()
        transaction.set_rollback(True)


@pytest.fixture
def frozen_today(monkeypatch):
    """The dashboard's "today" pinned to the known plan's date."""
    monkeypatch.setattr(dashboard, "today", lambda: TODAY)


@pytest.fixture
def fake_pdf(monkeypatch):
    """A fast stand-in for the renderer where the PDF's content is not the point (real renders
    are read back in test_pdf_documents): new bytes on every call, like a new render."""

    def render(doc, emblem=None):
        return f"%PDF-1.7 {doc['kind']} render {next(_renders)}".encode()

    monkeypatch.setattr(publishing, "pdf_from_context", render)


def emblem_png():
    """A small real PNG, as an organisation would upload its emblem."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "goldenrod").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def plan(db):
    """อบต.บ้านดอน's 2566 plan: one measure with one approved entry of the 6-month round."""
    org = make_organisation(
        slug="bandon", name_th="องค์การบริหารส่วนตำบลบ้านดอน", short_name="อบต.บ้านดอน"
    )
    org.emblem.save("emblem.png", ContentFile(emblem_png()), save=True)
    plan = make_plan(
        org,
        2566,
        announced_on=date(2022, 10, 20),
        signatory_name="นายสมชาย ใจดี",
        signatory_position="นายกองค์การบริหารส่วนตำบลบ้านดอน",
    )
    measure = make_measure(plan, number=1, title="เปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
    make_entry(
        measure,
        date(2022, 12, 1),
        review_state="approved",
        description="ประกาศแผนจัดซื้อจัดจ้างบนเว็บไซต์แล้ว",
    )
    return plan


@pytest.fixture
def coordinator(plan):
    return make_member(plan.organisation, Membership.Role.COORDINATOR)


@pytest.fixture
def executive(plan):
    return make_member(plan.organisation, Membership.Role.EXECUTIVE)


@pytest.fixture
def empty_target(tmp_path_factory):
    """A new empty database beside the test database (another file on SQLite, another
    database in the same cluster on PostgreSQL) and a new empty media folder."""
    folder = tmp_path_factory.mktemp("restored")
    database = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        database["NAME"] = str(folder / "restored.sqlite3")
        url = f"sqlite:///{database['NAME']}"
    else:
        database["NAME"] = f"{connection.settings_dict['NAME']}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database["NAME"]}"')
        url = "postgres://{}:{}@{}:{}/{}".format(
            *(quote(str(database[key]), safe="") for key in ("USER", "PASSWORD", "HOST", "PORT")),
            database["NAME"],
        )
    media = folder / "media"
    media.mkdir()
    yield database, url, media
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database["NAME"]}" WITH (FORCE)')
