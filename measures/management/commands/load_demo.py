from datetime import date

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from itaportal import thai
from measures.demo import DEMO_PASSWORD, demo_emblem_set, demo_load, demo_plans
from measures.models import Framework, ProgressEntry
from measures.rounds import round_notes_save

# (kind, round months, the day it is dated: month, day, years after the fiscal year's first)
DOCUMENTS = [
    ("measures", None, None),
    ("progress-6", 6, (4, 20, 1)),
    ("progress-12", 12, (10, 15, 1)),
]
ROUND_NOTES = {
    6: ("บุคลากรบางส่วนยังไม่เข้าใจขั้นตอนการรายงานผล", "จัดอบรมการรายงานผลผ่านระบบให้ทุกกอง"),
    12: ("งบประมาณสำหรับปรับปรุงเว็บไซต์มีจำกัด", "ใช้ช่องทางสื่อสังคมออนไลน์ควบคู่กับเว็บไซต์"),
}


class Command(BaseCommand):
    help = (
        "Create (or refresh) the fictional demo organisation อบต.ทุ่งดาวเรือง: last fiscal year's "
        "plan complete with its three documents published, this year's under way, one user per "
        "role. Idempotent. Loads the ITA catalog if missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (the demo users have a published password)",
        )
        parser.add_argument(
            "--without-documents",
            action="store_true",
            help="do not publish last year's documents (renders three PDFs, a few seconds)",
        )

    def handle(self, *args, force, without_documents, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG ปิดอยู่ (เครื่องจริง): ผู้ใช้สาธิตมีรหัสผ่านที่เปิดเผย จึงไม่สร้าง หากต้องการจริง ๆ ให้ใช้ --force"
            )
        if not Framework.objects.filter(fiscal_year=2565).exists():
            call_command("load_ita_catalog", stdout=self.stdout)
        today = timezone.localdate()
        org, users = demo_load(on=today)
        demo_emblem_set(org)
        last, current = demo_plans(org, on=today)
        if not without_documents:
            self._publish(last, org.memberships.get(role="coordinator").user, today)
        for plan in (last, current):
            entries = ProgressEntry.objects.filter(measure__plan=plan)
            published = ", ".join(plan.publications.values_list("kind", flat=True).distinct())
            self.stdout.write(
                self.style.SUCCESS(
                    f"{org.name_th} ปีงบประมาณ {plan.fiscal_year}: {plan.measures.count()} มาตรการ, "
                    f"{entries.count()} รายการผลการดำเนินการ"
                    + (f", เผยแพร่แล้ว: {published}" if published else "")
                )
            )
        self.stdout.write(f"รหัสผ่านของผู้ใช้สาธิตทุกคน: {DEMO_PASSWORD}")
        for username, role in users:
            self.stdout.write(f"  {username:<15} {role}")

    def _publish(self, plan, coordinator, today):
        """Last year's three documents, each once: a published plan stays as published."""
        from reports.publishing import publication_create  # the reports app builds on measures

        first, _last = thai.fiscal_year_range(plan.fiscal_year)
        for kind, months, dated in DOCUMENTS:
            if plan.publications.filter(kind=kind).exists():
                continue
            on = None
            if dated:
                month, day, years = dated
                on = min(date(first.year + years, month, day), today)
                round_notes_save(
                    plan=plan,
                    months=months,
                    problems=ROUND_NOTES[months][0],
                    suggestions=ROUND_NOTES[months][1],
                    user=coordinator,
                )
            self.stdout.write(f"เผยแพร่ {kind} ปีงบประมาณ {plan.fiscal_year} …")
            publication_create(plan=plan, kind=kind, layout="plan", user=coordinator, on=on)
