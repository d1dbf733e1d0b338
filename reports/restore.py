"""Restoring a backup archive (reports/backup.py) into an empty database and media folder.

The whole archive is checked before anything is written: the manifest, the database vendor, the
migrations, every member's size and SHA-256. Then the media files, then the database; if the
database cannot be restored the files written are removed again. Finally everything is read
back: each file against the manifest, each publication against the SHA-256 recorded when it
was published.
"""

import hashlib
import json
import os
import sqlite3
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

from itaportal.logs import log_event
from itaportal.media import media_location, stored_names

from .backup import (
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST,
    PROGRESS_EVERY,
    VENDOR_NAMES,
    VERSION,
    BackupError,
    run_pg,
    silent,
    vendor_of,
)
from .models import Publication, PublicationUnavailable

# What migrate itself (content types, permissions), or a visitor of a new installation (a
# session), leaves in a database: a restore may replace these rows, never any other.
SCAFFOLDING_TABLES = {
    "django_content_type",
    "auth_permission",
    "django_session",
    "django_migrations",
}


@dataclass(frozen=True)
class RestoreSummary:
    vendor: str
    media_files: int
    publications: int
    pending_migrations: list


def backup_restore(*, archive, dry_run=False, progress=silent):
    """Restore an archive into the default database and MEDIA_ROOT, both empty; with
    ``dry_run`` only check the archive. Returns what was verified."""
    connection = connections["default"]
    vendor = vendor_of(connection)
    with _opened(Path(archive)) as tar:
        manifest = _manifest(tar)
        if manifest["database"] != vendor:
            raise BackupError(
                f"ไฟล์สำรองนี้เป็นฐานข้อมูล {VENDOR_NAMES.get(manifest['database'], '?')} "
                f"แต่ฐานข้อมูลปลายทางเป็น {VENDOR_NAMES[vendor]} การกู้คืนข้ามชนิดฐานข้อมูลทำไม่ได้",
                f"The archive holds a {manifest['database']} database but the target is {vendor}: "
                "restoring across database vendors is not supported.",
            )
        pending = _pending_migrations(manifest)
        entries = _verified_archive(tar, manifest, progress)
        if dry_run:
            return RestoreSummary(vendor, len(entries) - 1, 0, pending)
        _refuse_unless_empty(connection)
        written = []
        try:
            _extract_media(tar, entries, written, progress)
            _restore_database(tar, entries[DATABASE_MEMBER[vendor]], connection)
        except BaseException:
            for name in reversed(written):
                default_storage.delete(name)
            raise
    media_files = _verify_restored_media(entries)
    publications = _verify_publications()
    log_event(
        "restore",
        archive=str(archive),
        database=vendor,
        media_files=media_files,
        publications=publications,
    )
    return RestoreSummary(vendor, media_files, publications, pending)


@contextmanager
def _opened(path):
    try:
        tar = tarfile.open(path, "r:")
    except FileNotFoundError:
        raise BackupError(f"ไม่พบไฟล์สำรอง {path}", f"No archive {path}.") from None
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _damaged(f"{path} ({error})") from None
    with tar:
        yield tar


def _damaged(what):
    return BackupError(
        f"ไฟล์สำรองเสียหาย ไม่กู้คืน: {what}", f"The archive is damaged, nothing restored: {what}"
    )


def _manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except KeyError:
        raise _damaged(f"ไม่มี / no {MANIFEST}") from None
    except (ValueError, tarfile.TarError, EOFError, OSError):
        raise _damaged(f"{MANIFEST} อ่านไม่ได้ / unreadable") from None
    ours = isinstance(manifest, dict) and manifest.get("format") == FORMAT
    if not ours or manifest.get("version") != VERSION:
        raise BackupError(
            f"ไฟล์นี้ไม่ใช่ไฟล์สำรองของพอร์ทัลรุ่นที่รู้จัก ({MANIFEST})",
            f"This is not an archive of a known portal backup format ({MANIFEST}).",
        )
    files, migrations = manifest.get("files"), manifest.get("migrations")
    if not (
        isinstance(files, list)
        and all(isinstance(f, dict) and {"path", "size", "sha256"} <= f.keys() for f in files)
        and isinstance(migrations, list)
    ):
        raise _damaged(f"{MANIFEST} อ่านไม่ได้ / unreadable")
    return manifest


def _pending_migrations(manifest):
    """The code's migrations the archive's database lacks (migrate adds them after the
    restore); refuses an archive from a newer portal, whose tables this code cannot read."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            "ไฟล์สำรองมาจากพอร์ทัลรุ่นที่ใหม่กว่ารุ่นนี้ กรุณาติดตั้งรุ่นที่ใหม่เท่ากันก่อนกู้คืน: " + ", ".join(unknown),
            "The archive comes from a newer version of the portal; install that version first: "
            + ", ".join(unknown),
        )
    return sorted(known - set(manifest["migrations"]))


def _verified_archive(tar, manifest, progress):
    """The manifest's entries by member name, once every member's bytes match them: nothing
    missing, nothing extra, no byte changed."""
    entries = {entry["path"]: entry for entry in manifest["files"]}
    if DATABASE_MEMBER[manifest["database"]] not in entries:
        raise _damaged(f"ไม่มี / no {DATABASE_MEMBER[manifest['database']]}")
    seen = set()
    try:
        for member in tar:
            if member.name == MANIFEST:
                continue
            entry = entries.get(member.name)
            if entry is None or member.name in seen or not member.isfile():
                raise _damaged(f"{member.name}: ไม่อยู่ในบัญชีไฟล์ / not in the manifest")
            _safe_media_name(member.name)
            seen.add(member.name)
            if _sha256(tar.extractfile(member)) != entry["sha256"] or member.size != entry["size"]:
                raise _damaged(
                    f"{member.name}: ไม่ตรงกับ SHA-256 ในบัญชีไฟล์ / does not match its SHA-256"
                )
            if len(seen) % PROGRESS_EVERY == 0:
                progress(f"ตรวจไฟล์สำรอง / archive checked: {len(seen)}/{len(entries)}")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _damaged(str(error)) from None
    missing = sorted(set(entries) - seen)
    if missing:
        raise _damaged("ไม่มีไฟล์ / missing: " + ", ".join(missing[:10]))
    return entries


def _safe_media_name(name):
    parts = PurePosixPath(name).parts
    database = name in DATABASE_MEMBER.values()
    if not database and (len(parts) < 2 or parts[0] != "media" or ".." in parts):
        raise _damaged(f"{name}: ชื่อไฟล์ไม่ถูกต้อง / not a media file name")


def _sha256(file):
    digest = hashlib.sha256()
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def _refuse_unless_empty(connection):
    """Refuse a database with portal rows or a media folder with files: a restore never
    mixes an archive with what is already there."""
    try:
        reasons = _database_not_empty(connection)
    except DatabaseError as error:
        raise BackupError(
            f"เชื่อมต่อฐานข้อมูลปลายทางไม่ได้: {error}", f"Cannot reach the target database: {error}"
        ) from None
    if stored_names():
        media = media_location()
        reasons.append(
            (
                f"โฟลเดอร์ไฟล์ปลายทาง {media} มีไฟล์อยู่แล้ว",
                f"the target media folder {media} is not empty",
            )
        )
    if reasons:
        raise BackupError(
            "ไม่กู้คืน: " + "; ".join(thai for thai, _ in reasons) + " กรุณากู้คืนลงฐานข้อมูลและโฟลเดอร์ที่ว่าง",
            "Restore refused: "
            + "; ".join(english for _, english in reasons)
            + ". Restore into an empty database and an empty media folder.",
        )


def _database_not_empty(connection):
    tables = set(connection.introspection.table_names()) - SCAFFOLDING_TABLES
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return [
                    (
                        f"ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (ตาราง {table})",
                        f"the target database is not empty (table {table} has rows)",
                    )
                ]
    return []


def _copy_member(tar, name, entry, target):
    """Copy a member to a new file (never over one), checked against the manifest."""
    digest = hashlib.sha256()
    source = tar.extractfile(name)
    with open(target, "xb") as out:
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != entry["sha256"]:
        raise _damaged(f"{name}: ไม่ตรงกับ SHA-256 ในบัญชีไฟล์ / does not match its SHA-256")


def _extract_media(tar, entries, written, progress):
    """Store every media member under its own name (the target storage is empty), each name
    added to ``written`` once stored. A member is at most one upload or publication: it is read
    whole and checked against the manifest before it is stored."""
    names = [name for name in entries if name.startswith("media/")]
    for n, name in enumerate(names, 1):
        data = tar.extractfile(name).read()
        if hashlib.sha256(data).hexdigest() != entries[name]["sha256"]:
            raise _damaged(f"{name}: ไม่ตรงกับ SHA-256 ในบัญชีไฟล์ / does not match its SHA-256")
        target = _stored_name(name)
        stored = default_storage.save(target, ContentFile(data))
        written.append(stored)
        if stored != target:
            raise BackupError(
                f"เก็บไฟล์ {target} ไม่ได้ เพราะมีไฟล์ชื่อนี้อยู่แล้ว",
                f"Could not store {target}: a file of that name already exists.",
            )
        if n % PROGRESS_EVERY == 0 or n == len(names):
            progress(f"กู้คืนไฟล์ / files restored: {n}/{len(names)}")


def _stored_name(member):
    return PurePosixPath(*PurePosixPath(member).parts[1:]).as_posix()


def _restore_database(tar, entry, connection):
    database = connection.settings_dict
    connection.close()
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / entry["path"]
        _copy_member(tar, entry["path"], entry, dump)
        if connection.vendor == "postgresql":
            # --clean replaces what migrate made in a new installation's database (checked
            # empty above); one transaction: a failure leaves the database as it was.
            run_pg(
                "pg_restore",
                [
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={database['NAME']}",
                    str(dump),
                ],
                database,
            )
            return
        # The backup API replaces the target's pages in one transaction, WAL files included.
        source, target = sqlite3.connect(dump), sqlite3.connect(database["NAME"])
        try:
            source.backup(target)
        except sqlite3.Error as error:
            raise BackupError(
                f"กู้คืนฐานข้อมูล SQLite ไม่สำเร็จ: {error}", f"Restoring SQLite failed: {error}"
            ) from None
        finally:
            target.close()
            source.close()


def _verify_restored_media(entries):
    names = [name for name in entries if name.startswith("media/")]
    for name in names:
        with default_storage.open(_stored_name(name), "rb") as restored:
            if _sha256(restored) != entries[name]["sha256"]:
                raise BackupError(
                    f"ไฟล์ที่กู้คืน {name} ไม่ตรงกับบัญชีไฟล์",
                    f"The restored file {name} does not match the manifest.",
                )
    return len(names)


def _verify_publications():
    """Every publication's bytes against the SHA-256 recorded when it was published."""
    failed, count = [], 0
    for publication in Publication.objects.only("file", "sha256").order_by("pk").iterator():
        count += 1
        try:
            publication.verified_bytes()
        except PublicationUnavailable as error:
            failed.append(f"#{publication.pk} {error}")
    if failed:
        raise BackupError(
            "กู้คืนแล้ว แต่เอกสารที่เผยแพร่ไม่ตรงกับ SHA-256 ที่บันทึกไว้: " + "; ".join(failed),
            "Restored, but publications do not match their recorded SHA-256: " + "; ".join(failed),
        )
    return count
