"""A published document stays what was published: the database refuses changes from any code
path, and the public links never serve bytes that differ from the recorded checksum."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from reports.models import ImmutableError, Publication
from reports.publishing import publication_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(plan, coordinator, fake_pdf):
    return publication_create(plan=plan, kind="progress-6", layout="plan", user=coordinator)


def stable(publication):
    plan = publication.plan
    return f"/{plan.organisation.slug}/{plan.fiscal_year}/{publication.kind}.pdf"


def test_a_plain_queryset_update_is_refused_by_the_database(published):
    # A plain QuerySet skips the model's own guard: only the database stands in the way.
    with pytest.raises(IntegrityError), transaction.atomic():
        QuerySet(model=Publication).filter(pk=published.pk).update(title="แก้ไขภายหลัง")
    published.refresh_from_db()
    assert published.title != "แก้ไขภายหลัง"


def test_a_plain_queryset_delete_is_refused_by_the_database(published):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuerySet(model=Publication).filter(pk=published.pk)._raw_delete(connection.alias)
    assert Publication.objects.filter(pk=published.pk).exists()


def test_raw_sql_cannot_change_a_publication(published):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE reports_publication SET sha256 = %s", ["f" * 64])
    published.refresh_from_db()
    assert published.sha256 != "f" * 64


def test_deleting_the_published_file_is_refused_and_the_file_stays(published):
    path = published.file.path
    with pytest.raises(ImmutableError):
        published.file.delete()
    with open(path, "rb") as stored:
        assert stored.read().startswith(b"%PDF")


def test_the_stable_link_serves_verified_bytes(client, published):
    response = client.get(stable(published))
    assert response.status_code == 200
    assert response.content == published.file.open("rb").read()
    assert response["ETag"] == f'"{published.sha256}"'


def test_a_file_replaced_on_disk_is_never_served_as_the_official_document(
    client, published, caplog
):
    with open(published.file.path, "wb") as stored:
        stored.write(b"%PDF-1.7 a forged document")
    with caplog.at_level(logging.ERROR, logger="reports.views"):
        response = client.get(stable(published))
    assert response.status_code == 503
    assert b"forged" not in response.content
    assert "ยังเปิดไม่ได้ชั่วคราว" in response.text
    assert "does not match its SHA-256" in caplog.text


def test_a_missing_file_answers_a_thai_503_not_a_500(client, published):
    revision_url = published.get_absolute_url()
    published.file.storage.delete(published.file.name)  # lost outside the portal
    for url in (stable(published), revision_url):
        response = client.get(url)
        assert response.status_code == 503
        assert "ยังเปิดไม่ได้ชั่วคราว" in response.text


def test_a_publish_that_fails_after_storing_its_pdf_leaves_no_file(plan, fake_pdf, media):
    with pytest.raises(ValidationError):
        # No publisher: the row is refused after the PDF was written to storage.
        publication_create(plan=plan, kind="progress-6", layout="plan", user=None)
    assert not Publication.objects.exists()
    assert not list((media / "publications").glob("*"))
