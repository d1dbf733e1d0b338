from django.core.management.base import BaseCommand, CommandError

from reports.backup import BackupError, backup_create, backup_prune


class Command(BaseCommand):
    help = (
        "Back up the database and every file under MEDIA_ROOT into one tar archive with a "
        "manifest of SHA-256 checksums (restore it with manage.py restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help="the archive to write, or a folder: the archive is then named "
            "itaportal-<UTC time>.tar in it",
        )
        parser.add_argument(
            "--keep-daily",
            type=int,
            help="with a folder: afterwards delete its archives except the newest of each of "
            "the last N days (and those --keep-weekly keeps)",
        )
        parser.add_argument(
            "--keep-weekly",
            type=int,
            default=0,
            help="with --keep-daily: also keep the newest archive of each of the last N weeks",
        )

    def handle(self, *args, output, keep_daily, keep_weekly, **options):
        try:
            summary = backup_create(output=output, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.path}: {summary.vendor}, {summary.media_files} media files, "
                f"{summary.bytes:,} bytes"
            )
        )
        if keep_daily is not None:
            deleted = backup_prune(folder=summary.path.parent, daily=keep_daily, weekly=keep_weekly)
            for path in deleted:
                self.stdout.write(f"deleted {path}")
