"""Files attached to an entry form that failed: kept, owned by their uploader, until the form is
saved (they become its evidence) or they expire (delete_orphan_evidence removes them).

A browser never sends a file again by itself; without this, a typo in the date would silently
drop every file chosen with it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import PendingUpload
from .services import _store_file
from .uploads import written_files_deleted_on_failure

logger = logging.getLogger(__name__)

KEEP_FOR = timedelta(hours=24)


def _owner_limit():
    # Each form keeps at most one entry's worth; two allow a second tab without letting
    # repeated failed posts fill the disk.
    return 2 * settings.MAX_EVIDENCE_BYTES_PER_ENTRY


def pending_uploads_keep(*, owner, organisation, uploads, kept=()):
    """Store `uploads` (CheckedUpload objects that passed every check) for `owner`; return the
    files the re-rendered form shows as attached: `kept` (already stored) then the new ones.
    The owner's oldest other pending files go first when they would exceed the limit."""
    now = timezone.now()
    new = []
    with written_files_deleted_on_failure() as written, transaction.atomic():
        for upload in uploads:
            row = PendingUpload(
                owner=owner,
                organisation=organisation,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                expires_at=now + KEEP_FOR,
            )
            _store_file(row, upload, written)
            row.full_clean()
            row.save()
            new.append(row)
    shown = [*kept, *new]
    _trim(owner, protected={row.pk for row in shown})
    return shown


def _trim(owner, *, protected):
    rows = list(PendingUpload.objects.filter(owner=owner).order_by("-created_at", "-pk"))
    total = sum(row.size for row in rows)
    for row in reversed(rows):  # oldest first
        if total <= _owner_limit():
            break
        if row.pk not in protected:
            total -= row.size
            _delete(row)


def _delete(row):
    name = row.file.name
    row.delete()
    try:
        row.file.storage.delete(name)
    except OSError:
        logger.exception("Could not delete the pending upload %s", name)


def pending_uploads_delete(*, uploads):
    """Forget pending files once their form saved them as evidence (under names of their own)."""
    for row in uploads:
        _delete(row)


def pending_uploads_expired_delete(*, now, dry_run=False):
    """Delete pending uploads past their expiry, and files under pending/ no row names (left by a
    process killed mid-save) that are older than KEEP_FOR; return the file names."""
    expired = list(PendingUpload.objects.expired(now))
    names = [row.file.name for row in expired]
    storage = PendingUpload._meta.get_field("file").storage
    if storage.exists("pending"):
        named = set(PendingUpload.objects.values_list("file", flat=True))
        names += [
            name
            for name in (f"pending/{n}" for n in storage.listdir("pending")[1])
            if name not in named and storage.get_modified_time(name) < now - KEEP_FOR
        ]
    if not dry_run:
        for row in expired:
            _delete(row)
        for name in names[len(expired) :]:
            storage.delete(name)
    return sorted(names)
