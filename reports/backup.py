"""Backing up and restoring the whole portal: its database and every file under MEDIA_ROOT.

One tar archive holds the database (PostgreSQL: pg_dump's custom format; SQLite: a copy made
with SQLite's online backup API, safe while the portal runs), the media files under ``media/``
and ``manifest.json``: the format, when, the database vendor, the applied migrations, and each
member's size and SHA-256. reports/restore.py puts an archive back.
"""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from itaportal.logs import log_event
from itaportal.media import stored_names

FORMAT = "itaportal-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
ARCHIVE_NAME = re.compile(r"itaportal-(\d{8}T\d{6}Z)\.tar")
PROGRESS_EVERY = 200


class BackupError(Exception):
    """A backup or restore refused or failed: one line in Thai, then the same in English."""

    def __init__(self, thai, english):
        super().__init__(f"{thai}\n{english}")


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    media_files: int
    bytes: int


def silent(message):
    pass


def backup_create(*, output, progress=silent):
    """Write one archive of the default database and MEDIA_ROOT to ``output`` (a file, or a
    folder that gets ``itaportal-<UTC time>.tar``). It is written under a temporary name in the
    same folder and renamed when complete: ``output`` never holds half an archive."""
    output = Path(output)
    if output.is_dir():
        output = output / f"itaportal-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar"
    if not output.parent.is_dir():
        raise BackupError(
            f"ไม่พบโฟลเดอร์ {output.parent} สำหรับเก็บไฟล์สำรอง",
            f"The folder {output.parent} for the archive does not exist.",
        )
    if output.parent.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(
            "ห้ามเก็บไฟล์สำรองไว้ในโฟลเดอร์ MEDIA_ROOT ที่กำลังสำรอง",
            "The archive may not be written inside MEDIA_ROOT, the folder being backed up.",
        )
    connection = connections["default"]
    vendor = vendor_of(connection)
    partial = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        # The dump is made beside the archive: /tmp may be a small RAM disk.
        with (
            tempfile.TemporaryDirectory(dir=output.parent, prefix=".itaportal-") as scratch,
            tarfile.open(partial, "w") as archive,
        ):
            dump = Path(scratch) / DATABASE_MEMBER[vendor]
            _dump_database(connection, dump)
            files = [_add_file(archive, dump, DATABASE_MEMBER[vendor])]
            # After the database: every file a dumped row names was stored before its row.
            media = _media_files()
            for n, name in enumerate(media, 1):
                files.append(_add_stored(archive, name, f"media/{name}"))
                if n % PROGRESS_EVERY == 0 or n == len(media):
                    progress(f"ไฟล์ / files: {n}/{len(media)}")
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": vendor,
                "migrations": _applied_migrations(connection),
                "files": files,
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    size = output.stat().st_size
    log_event("backup", path=str(output), database=vendor, media_files=len(media), bytes=size)
    return BackupSummary(path=output, vendor=vendor, media_files=len(media), bytes=size)


def backup_prune(*, folder, daily, weekly):
    """Delete the folder's archives except the newest of each of the last ``daily`` days and
    of each of the last ``weekly`` ISO weeks that have one. Returns the deleted paths."""
    archives = sorted(
        (
            (datetime.strptime(match[1], "%Y%m%dT%H%M%SZ"), path)
            for path in Path(folder).iterdir()
            if (match := ARCHIVE_NAME.fullmatch(path.name))
        ),
        reverse=True,
    )
    days, weeks = {}, {}
    for when, path in archives:
        if len(days) < daily:
            days.setdefault(when.date(), path)
        if len(weeks) < weekly:
            weeks.setdefault(when.isocalendar()[:2], path)
    kept = set(days.values()) | set(weeks.values())
    deleted = [path for _when, path in archives if path not in kept]
    for path in deleted:
        path.unlink()
    return deleted


# Backing up


def vendor_of(connection):
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(
            f"สำรองข้อมูลได้เฉพาะ PostgreSQL และ SQLite ไม่ใช่ {connection.vendor}",
            f"Only PostgreSQL and SQLite can be backed up, not {connection.vendor}.",
        )
    return connection.vendor


def _dump_database(connection, target):
    if connection.vendor == "postgresql":
        run_pg("pg_dump", ["--format=custom", f"--file={target}"], connection.settings_dict)
        return
    source_path = Path(connection.settings_dict["NAME"])
    if not source_path.is_file():
        raise BackupError(f"ไม่พบไฟล์ฐานข้อมูล {source_path}", f"No database file {source_path}.")
    # The online backup API copies a consistent snapshot while the portal keeps writing.
    source, copy = sqlite3.connect(source_path), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _pg_environment(database):
    """libpq's variables for the database: the password never appears on a command line."""
    environment = dict(os.environ)
    for key, variable in [
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ]:
        if database.get(key):
            environment[variable] = str(database[key])
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if database.get("OPTIONS", {}).get(option):
            environment[f"PG{option.upper()}"] = str(database["OPTIONS"][option])
    return environment


def run_pg(program, arguments, database):
    try:
        result = subprocess.run(  # noqa: S603 - fixed programs, arguments built here
            [program, *arguments],
            env=_pg_environment(database),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise BackupError(
            f"ไม่พบโปรแกรม {program} กรุณาติดตั้ง postgresql-client",
            f"{program} was not found: install postgresql-client.",
        ) from None
    if result.returncode != 0:
        raise BackupError(
            f"{program} ทำงานไม่สำเร็จ", f"{program} failed: {result.stderr.strip()[-2000:]}"
        )


def _applied_migrations(connection):
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _media_files():
    """Every stored file's name. Under MEDIA_ROOT a symbolic link is skipped: it could point
    anywhere on the host."""
    names = stored_names()
    try:
        return [name for name in names if not os.path.islink(default_storage.path(name))]
    except NotImplementedError:  # an object store has no links
        return names


class _Hashing:
    """A file read through, its SHA-256 computed from exactly the bytes read."""

    def __init__(self, file):
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_file(archive, path, member):
    with open(path, "rb") as source:
        return _add_stream(archive, source, os.fstat(source.fileno()).st_size, member)


def _add_stored(archive, name, member):
    with default_storage.open(name, "rb") as source:
        return _add_stream(archive, source, source.size, member)


def _add_stream(archive, source, size, member):
    # The size when opened: a file still growing is archived as it was at that moment.
    info = tarfile.TarInfo(member)
    info.size, info.mtime = size, int(datetime.now(UTC).timestamp())
    reading = _Hashing(source)
    archive.addfile(info, reading)
    return {"path": member, "size": info.size, "sha256": reading.digest.hexdigest()}


def _add_bytes(archive, member, text):
    data = text.encode()
    info = tarfile.TarInfo(member)
    info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))
