from django.core.management.base import BaseCommand, CommandError

from reports.backup import BackupError
from reports.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by manage.py backup into an empty database and an empty "
        "MEDIA_ROOT, then check every file and every publication against its checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive manage.py backup wrote")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only check the archive (every file against the manifest); change nothing",
        )

    def handle(self, *args, archive, dry_run, **options):
        try:
            summary = backup_restore(archive=archive, dry_run=dry_run, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    f"ไฟล์สำรองสมบูรณ์: ฐานข้อมูล {summary.vendor} และไฟล์ {summary.media_files} ไฟล์ "
                    "ตรงกับบัญชีไฟล์\n"
                    f"The archive is intact: the {summary.vendor} database and "
                    f"{summary.media_files} media files match the manifest."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"กู้คืนแล้ว: ไฟล์ {summary.media_files} ไฟล์ตรงกับบัญชีไฟล์ "
                f"เอกสารที่เผยแพร่ {summary.publications} ฉบับตรงกับ SHA-256 ที่บันทึกไว้\n"
                f"Restored: {summary.media_files} media files match the manifest, "
                f"{summary.publications} publications match their recorded SHA-256."
            )
        )
        if summary.pending_migrations:
            self.stdout.write(
                "ฐานข้อมูลที่กู้คืนมาจากรุ่นที่เก่ากว่า กรุณารัน manage.py migrate "
                "(บริการ itaportal ทำให้เมื่อเริ่ม)\n"
                "The restored database is from an older version: run manage.py migrate "
                "(the itaportal service does at start): " + ", ".join(summary.pending_migrations)
            )
