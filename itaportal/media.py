"""Uploaded and published files, wherever MEDIA_STORAGE keeps them (a folder or an object store).

The rest of the code reads and writes them through Django's storage API; the two things that
need a file on this host (the PDF renderer reading the emblem, nginx sending a file) go
through here, and backups walk the storage with ``stored_names``.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage


def local_file(name, storage=default_storage):
    """A path on this host holding the stored file ``name``, or None when it is missing.

    Under MEDIA_ROOT the file is used where it is. From an object store a copy is kept in a
    cache folder under a name derived from the stored name: stored names are never reused for
    other bytes (uploads get fresh names), so a cached copy never goes stale."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        return _cached_copy(name, storage)
    return path if os.path.isfile(path) else None


def _cached_copy(name, storage):
    folder = Path(settings.MEDIA_CACHE_DIR)
    target = folder / (hashlib.sha256(name.encode()).hexdigest() + Path(name).suffix)
    if target.is_file():
        return str(target)
    if not storage.exists(name):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed: a concurrent render never reads half a copy.
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as out, storage.open(name, "rb") as source:
            for chunk in source.chunks():
                out.write(chunk)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return str(target)


def stored_names(storage=default_storage, folder=""):
    """Every stored file's name, sorted, walking sub-folders (``a/b/c.pdf``)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT not made yet
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names.extend(stored_names(storage, f"{folder}/{sub}" if folder else sub))
    return sorted(names)


def media_location(storage=default_storage):
    """Where stored files are, for messages: MEDIA_ROOT, or the bucket and prefix."""
    bucket = getattr(storage, "bucket_name", None)
    if bucket:
        return f"s3://{bucket}/{storage.location}".rstrip("/")
    return str(settings.MEDIA_ROOT)
