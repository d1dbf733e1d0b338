from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from measures.demo import DEMO_PASSWORD, DEMO_YEAR, demo_emblem_set, demo_load
from measures.models import Framework, Measure, ProgressEntry


class Command(BaseCommand):
    help = (
        "Create (or refresh) the fictional demo organisation อบต.ทุ่งดาวเรือง with its FY 2566 "
        "plan, progress and one user per role. Idempotent. Loads the ITA catalog if missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (the demo users have a published password)",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG ปิดอยู่ (เครื่องจริง): ผู้ใช้สาธิตมีรหัสผ่านที่เปิดเผย จึงไม่สร้าง หากต้องการจริง ๆ ให้ใช้ --force"
            )
        if not Framework.objects.filter(fiscal_year=2565).exists():
            call_command("load_ita_catalog", stdout=self.stdout)
        org, users = demo_load()
        demo_emblem_set(org)
        measures = Measure.objects.filter(plan__organisation=org, plan__fiscal_year=DEMO_YEAR)
        entries = ProgressEntry.objects.filter(measure__in=measures)
        self.stdout.write(
            self.style.SUCCESS(
                f"พร้อมแล้ว: {org.name_th} ปีงบประมาณ {DEMO_YEAR}: "
                f"{measures.count()} มาตรการ, {entries.count()} รายการผลการดำเนินการ"
            )
        )
        self.stdout.write(f"รหัสผ่านของผู้ใช้สาธิตทุกคน: {DEMO_PASSWORD}")
        for username, role in users:
            self.stdout.write(f"  {username:<15} {role}")
