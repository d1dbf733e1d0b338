import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.reports.backup_helpers import media_bytes, published_world, raw_connection, table_rows
from tests.reports.test_concurrency import remove_publications_for_flush


def restore_elsewhere(archive, url, media, **env):
    """manage.py restore as the IT officer runs it, in its own process with its own settings."""
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def unreadable_database(members):
    """A database dump that is not one, with a manifest that vouches for it: the archive
    passes every check and only restoring the database fails."""
    name = next(name for name in members if name.startswith("database."))
    members[name] = b"not a database dump"
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == name:
            entry.update(size=len(members[name]), sha256=hashlib.sha256(members[name]).hexdigest())
    members["manifest.json"] = json.dumps(manifest).encode()


def test_a_restored_backup_has_the_same_rows_and_bytes_and_its_publication_verifies(
    transactional_db, fake_pdf, media, empty_target, tmp_path_factory
):
    publication = published_world()
    archive = tmp_path_factory.mktemp("backups") / "portal.tar"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    database, url, restored_media = empty_target
    try:
        # First a restore that fails at the database (in the same test: building the world
        # again after a transactional test's flush costs seconds): it must leave the target
        # as empty as it found it, so the good archive can then be restored into it.
        failed = restore_elsewhere(rewritten(archive, unreadable_database), url, restored_media)
        reason = {"sqlite": "Restoring SQLite failed", "postgresql": "pg_restore failed"}
        assert failed.returncode != 0
        assert reason[connection.vendor] in failed.stderr
        assert media_bytes(restored_media) == {}

        restored = restore_elsewhere(archive, url, restored_media)

        assert restored.returncode == 0, restored.stderr
        assert "Restored: 4 media files match the manifest, 1 publications" in restored.stdout
        assert table_rows(database) == table_rows(connection.settings_dict)
        assert media_bytes(restored_media) == media_bytes(media)
        pdf = (restored_media / publication.file.name).read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == publication.sha256
        assert '"event": "restore"' in restored.stdout
        # The restored database still refuses to change a published document.
        target = raw_connection(database)
        try:
            with pytest.raises(Exception, match="immutable"):
                target.cursor().execute("UPDATE reports_publication SET title = 'แก้แล้ว'")
        finally:
            target.close()
    finally:
        remove_publications_for_flush()


@pytest.fixture
def archive(db, fake_pdf, media, tmp_path_factory):
    published_world()
    path = tmp_path_factory.mktemp("backups") / "portal.tar"
    call_command("backup", "-o", str(path), stdout=io.StringIO())
    return path


def rewritten(path, change):
    """The archive written again with ``change(members)`` applied to {name: bytes}."""
    with tarfile.open(path) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    change(members)
    copy = path.with_name("changed.tar")
    with tarfile.open(copy, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return copy


def evidence_member(members):
    return next(name for name in members if name.startswith("media/evidence/"))


@pytest.fixture
def empty_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("empty-media")
    return settings.MEDIA_ROOT


def test_restore_refuses_a_database_and_a_media_folder_that_are_not_empty(archive, media):
    before = media_bytes(media)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))

    assert "ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว" in str(refused.value)
    assert "the target database is not empty" in str(refused.value)
    assert f"the target media folder {media} is not empty" in str(refused.value)
    assert media_bytes(media) == before


def test_restore_refuses_an_archive_with_one_byte_changed_and_names_the_file(archive, empty_media):
    def flip_a_byte(members):
        name = evidence_member(members)
        members[name] = members[name][:-1] + b"X"

    changed = rewritten(archive, flip_a_byte)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(changed))

    name = evidence_member(archive_names(changed))
    assert f"ไฟล์สำรองเสียหาย ไม่กู้คืน: {name}: ไม่ตรงกับ SHA-256" in str(refused.value)
    assert "The archive is damaged, nothing restored" in str(refused.value)
    assert list(Path(empty_media).iterdir()) == []


def test_restore_refuses_an_archive_missing_a_file_and_names_it(archive, empty_media):
    names = archive_names(archive)
    changed = rewritten(archive, lambda members: members.pop(evidence_member(names)))

    with pytest.raises(CommandError, match=f"missing: {evidence_member(names)}"):
        call_command("restore", str(changed))
    assert list(Path(empty_media).iterdir()) == []


def test_restore_refuses_a_truncated_archive(archive, empty_media):
    truncated = archive.with_name("truncated.tar")
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError, match="The archive is damaged"):
        call_command("restore", str(truncated))
    assert list(Path(empty_media).iterdir()) == []


def test_restore_refuses_an_archive_of_the_other_database_vendor_plainly(archive, empty_media):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def from_other_vendor(members):
        manifest = json.loads(members["manifest.json"])
        manifest["database"] = other
        members["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(rewritten(archive, from_other_vendor)))

    assert "การกู้คืนข้ามชนิดฐานข้อมูลทำไม่ได้" in str(refused.value)
    assert f"holds a {other} database but the target is {connection.vendor}" in str(refused.value)


def test_restore_refuses_an_archive_from_a_newer_portal(archive, empty_media):
    def newer(members):
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"].append("reports.9999_from_the_future")
        members["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(CommandError, match="newer version of the portal"):
        call_command("restore", str(rewritten(archive, newer)))


def test_a_dry_run_checks_the_archive_and_changes_nothing(archive, empty_media):
    out = io.StringIO()

    call_command("restore", str(archive), "--dry-run", stdout=out)

    assert "The archive is intact" in out.getvalue()
    assert "4 media files match the manifest" in out.getvalue()
    assert list(Path(empty_media).iterdir()) == []


def archive_names(path):
    with tarfile.open(path) as tar:
        return tar.getnames()
