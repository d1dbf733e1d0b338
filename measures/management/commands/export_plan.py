from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.models import MeasurePlan
from measures.plan_import.exporting import plan_export_bytes


class Command(BaseCommand):
    help = "Export a plan with its approved progress as .xlsx in the import template's columns."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organisation's slug")
        parser.add_argument("--year", required=True, type=int, help="the plan's fiscal year (BE)")
        parser.add_argument("-o", "--output", required=True, type=Path, help="the .xlsx to write")

    def handle(self, *args, org, year, output, **options):
        plan = MeasurePlan.objects.filter(organisation__slug=org, fiscal_year=year).first()
        if plan is None:
            raise CommandError(f"ไม่พบแผนมาตรการของ {org} ปี {year} (no such plan)")
        Path(output).write_bytes(plan_export_bytes(plan=plan))
        count = plan.measures.in_force().count()
        self.stdout.write(self.style.SUCCESS(f"เขียน {output} แล้ว: {count} มาตรการ (measures)"))
