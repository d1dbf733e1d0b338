import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.db import connection

from reports.backup import BackupError, backup_create, backup_prune
from tests.reports.backup_helpers import media_bytes, published_world


def archive_members(path):
    with tarfile.open(path) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def test_the_archive_holds_the_database_every_media_file_and_their_checksums(
    db, fake_pdf, media, tmp_path_factory, caplog
):
    published_world()
    path = tmp_path_factory.mktemp("backups") / "portal.tar"
    out = io.StringIO()

    call_command("backup", "-o", str(path), stdout=out)

    members = archive_members(path)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["format"] == "itaportal-backup"
    assert manifest["database"] == connection.vendor
    assert "reports.0003_publication_form_token_immutable" in manifest["migrations"]
    assert {entry["path"] for entry in manifest["files"]} == set(members)
    for entry in manifest["files"]:
        data = members[entry["path"]]
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    stored = {f"media/{name}": data for name, data in media_bytes(media).items()}
    assert len(stored) == 4
    assert {name: members[name] for name in stored} == stored
    database = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}[connection.vendor]
    assert members[database].startswith(
        b"PGDMP" if connection.vendor == "postgresql" else b"SQLite format 3"
    )
    assert "files: 4/4" in out.getvalue()
    (event,) = [record for record in caplog.records if record.getMessage() == "backup"]
    assert event.fields == {
        "path": str(path),
        "database": connection.vendor,
        "media_files": 4,
        "bytes": path.stat().st_size,
    }


def test_a_folder_as_output_gets_an_archive_named_by_its_utc_time(db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("backups")

    summary = backup_create(output=folder)

    assert summary.path.parent == folder
    assert summary.path.name.startswith("itaportal-") and summary.path.name.endswith("Z.tar")
    assert [path.name for path in folder.iterdir()] == [summary.path.name]


def test_a_backup_interrupted_midway_leaves_nothing_under_its_name(db, fake_pdf, tmp_path_factory):
    published_world()
    folder = tmp_path_factory.mktemp("backups")

    def interrupted(message):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup_create(output=folder / "portal.tar", progress=interrupted)

    assert list(folder.iterdir()) == []


def test_a_missing_output_folder_is_refused_in_thai_and_english(db, tmp_path):
    with pytest.raises(BackupError, match="ไม่พบโฟลเดอร์") as refused:
        backup_create(output=tmp_path / "nowhere" / "portal.tar")
    assert "does not exist" in str(refused.value)


def test_an_archive_inside_the_media_folder_is_refused(db, media):
    (media / "evidence").mkdir()

    with pytest.raises(BackupError, match="inside MEDIA_ROOT"):
        backup_create(output=media / "evidence")
    assert list((media / "evidence").iterdir()) == []


def test_pruning_keeps_the_newest_archive_of_each_recent_day_and_week(tmp_path):
    names = [
        "itaportal-20261127T020000Z.tar",  # Friday, week 48
        "itaportal-20261126T020000Z.tar",
        "itaportal-20261125T020000Z.tar",  # beyond the 2 days, still in week 48
        "itaportal-20261122T020000Z.tar",  # Sunday, the newest of week 47
        "itaportal-20261121T020000Z.tar",
        "itaportal-20261115T020000Z.tar",  # week 46: beyond the 2 weeks
        "notes.txt",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")

    deleted = backup_prune(folder=tmp_path, daily=2, weekly=2)

    assert sorted(path.name for path in deleted) == [
        "itaportal-20261115T020000Z.tar",
        "itaportal-20261121T020000Z.tar",
        "itaportal-20261125T020000Z.tar",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "itaportal-20261122T020000Z.tar",
        "itaportal-20261126T020000Z.tar",
        "itaportal-20261127T020000Z.tar",
        "notes.txt",
    ]
