from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from measures.pending_uploads import pending_uploads_expired_delete
from measures.services import evidence_orphans_delete


class Command(BaseCommand):
    help = (
        "Delete evidence files that no evidence row and no history record names (left by a save "
        "whose process was killed before it committed). Files removed from an entry are kept: "
        "the history still names them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="only files last written this many hours ago"
        )
        parser.add_argument("--dry-run", action="store_true", help="list them, delete nothing")

    def handle(self, *args, hours, dry_run, **options):
        if hours < 1:
            raise CommandError("--hours ต้องอย่างน้อย ๑ เพื่อไม่ลบไฟล์ของการบันทึกที่กำลังดำเนินอยู่")
        orphans = evidence_orphans_delete(older_than=timedelta(hours=hours), dry_run=dry_run)
        for name in orphans:
            self.stdout.write(f"  {name}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orphan evidence file(s)"))
        pending = pending_uploads_expired_delete(now=timezone.now(), dry_run=dry_run)
        for name in pending:
            self.stdout.write(f"  {name}")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(pending)} expired pending upload(s)"))
