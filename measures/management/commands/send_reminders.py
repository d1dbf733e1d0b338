from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from measures.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail each person one Thai digest of what concerns them: measures due or overdue, "
        "entries sent back or waiting for a decision, rounds whose report falls due. Run it "
        "daily (deploy/systemd/itaportal-reminders.timer); an item already sent today is not "
        "sent again, however many times it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=14, help="measures due within this many days (default 14)"
        )
        parser.add_argument("--dry-run", action="store_true", help="list the digests, send none")

    def handle(self, *args, days, dry_run, **options):
        if not 0 <= days <= 366:
            raise CommandError("--days must be between 0 and 366")
        run = reminders_send(today=timezone.localdate(), days=days, dry_run=dry_run)
        for user, reminders in run.sent:
            self.stdout.write(f"  {user.username} <{user.email}>: {len(reminders)} item(s)")
        for user in run.failed:
            self.stderr.write(self.style.ERROR(f"  {user.username} <{user.email}>: not sent"))
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(run.sent)} digest(s)"))
        if run.failed:
            raise CommandError(f"{len(run.failed)} digest(s) could not be sent; run again later")
