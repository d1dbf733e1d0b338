"""Media in an S3-compatible object store (MEDIA_STORAGE=s3), for installations with several
app servers. moto's server stands in for the object store: a real HTTP S3 API on localhost."""

import hashlib
import io
import json
import logging
import tarfile
import uuid

import boto3
import pymupdf
import pytest
from django.core.management import call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer

from itaportal.media import local_file
from measures.models import EvidenceFile, Membership
from tests.factories import make_member
from tests.reports.backup_helpers import published_world
from tests.reports.test_concurrency import remove_publications_for_flush
from tests.reports.test_restore import restore_elsewhere

KEYS = {"access_key": "portal-test", "secret_key": "portal-test-secret"}


@pytest.fixture(scope="module")
def object_store():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def new_bucket(endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    bucket = f"itaportal-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket


def objects(client, bucket):
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listed
    }


@pytest.fixture
def s3_media(settings, object_store, tmp_path):
    """The default storage is a new bucket; MEDIA_ROOT is an empty folder that must stay empty."""
    client, bucket = new_bucket(object_store)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": object_store,
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_CACHE_DIR = tmp_path / "cache"
    return client, bucket


def test_published_files_and_evidence_live_in_the_bucket_and_every_read_is_verified(
    db, s3_media, client, settings
):
    store, bucket = s3_media
    publication = published_world()  # a real render, with the emblem read from the bucket

    stored = objects(store, bucket)
    assert len(stored) == 4  # emblem, its copy kept with the publication, the PDF, evidence
    with pymupdf.open(stream=stored[publication.file.name]) as pdf:
        assert pdf[0].get_images()  # the emblem, read from the bucket, is printed
    assert not settings.MEDIA_ROOT.exists()  # nothing written on this host's disk
    url = reverse("reports:publication-pdf", args=["bandon", 2566, "measures"])
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == publication.sha256

    # A changed object in the store is caught when it is read, as a changed file on disk is.
    store.put_object(Bucket=bucket, Key=publication.file.name, Body=b"%PDF-1.7 replaced")
    assert client.get(url).status_code == 503


def test_the_renderer_reads_the_emblem_from_a_local_copy_of_the_object(db, s3_media):
    store, bucket = s3_media
    name = "emblems/ตรา.png"
    store.put_object(Bucket=bucket, Key=name, Body=b"\x89PNG emblem bytes")

    path = local_file(name)

    assert open(path, "rb").read() == b"\x89PNG emblem bytes"
    assert local_file(name) == path  # the copy is reused, not fetched again
    assert local_file("emblems/none.png") is None


def test_members_download_evidence_from_the_bucket(db, s3_media, client):
    publication = published_world()
    evidence = EvidenceFile.objects.get()
    client.force_login(make_member(publication.plan.organisation, Membership.Role.COORDINATOR))

    response = client.get(reverse("measures:evidence-file", args=["bandon", evidence.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence of a public hearing"


def test_health_checks_the_bucket(db, s3_media, client, settings):
    assert client.get("/healthz").status_code == 200
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "itaportal-no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)  # announce the change: the storage is rebuilt
    assert client.get("/healthz").status_code == 503


def test_a_backup_of_the_bucket_restores_into_an_empty_bucket_elsewhere(
    transactional_db, s3_media, object_store, empty_target, tmp_path_factory, fake_pdf
):
    store, bucket = s3_media
    publication = published_world()
    archive = tmp_path_factory.mktemp("backups") / "portal.tar"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    archived = {e["path"]: e["sha256"] for e in manifest["files"] if e["path"].startswith("media/")}
    assert archived == {
        f"media/{key}": hashlib.sha256(data).hexdigest()
        for key, data in objects(store, bucket).items()
    }

    _database, url, _media = empty_target
    _, target = new_bucket(object_store)
    try:
        restored = restore_elsewhere(
            archive,
            url,
            _media,
            MEDIA_STORAGE="s3",
            S3_BUCKET=target,
            S3_ENDPOINT_URL=object_store,
            S3_REGION="us-east-1",
            S3_ACCESS_KEY_ID=KEYS["access_key"],
            S3_SECRET_ACCESS_KEY=KEYS["secret_key"],
        )
        assert restored.returncode == 0, restored.stderr
        assert "Restored: 4 media files match the manifest, 1 publications" in restored.stdout
        assert objects(store, target) == objects(store, bucket)
        assert publication.file.name in objects(store, target)
    finally:
        remove_publications_for_flush()
