from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from itaportal import thai
from measures.models import Organisation
from measures.plan_import.reading import PlanFileError, rows_from_bytes
from measures.plan_import.services import plan_import


class Command(BaseCommand):
    help = (
        "Import a measures plan from an .xlsx/.csv sheet in the template's columns or a .txt "
        "document (a report copied from Word or PDF), by the same rules as the web page. "
        "Nothing is saved unless every row is understood; rows the plan has already are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="the organisation's slug")
        parser.add_argument("--year", required=True, type=int, help="the plan's fiscal year (BE)")
        parser.add_argument("--framework", type=int, help="framework year for a new plan")
        parser.add_argument("--create-units", action="store_true", help="add units not yet known")
        parser.add_argument("--dry-run", action="store_true", help="read and check, save nothing")

    def handle(self, *args, file, org, year, framework, create_units, dry_run, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"ไม่พบหน่วยงาน {org} (no such organisation)")
        try:
            rows = rows_from_bytes(file.name, file.read_bytes())
        except OSError as error:
            raise CommandError(f"อ่านไฟล์ {file} ไม่ได้: {error}") from error
        except PlanFileError as error:
            raise CommandError("\n".join(error.messages)) from error
        try:
            preview, saved = plan_import(
                organisation=organisation,
                fiscal_year=year,
                rows=rows,
                framework_year=framework,
                create_units=create_units,
                dry_run=dry_run,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for row in preview.rows:
            for warning in row.warnings:
                self.stdout.write(self.style.WARNING(f"แถว {row.line}: {warning}"))
        if preview.unknown_units:
            names = ", ".join(preview.unknown_units)
            verb = "จะเพิ่ม" if create_units else "ยังไม่รู้จัก (เก็บเป็นหมายเหตุผู้รับผิดชอบ)"
            self.stdout.write(f"สำนัก/กอง{verb}: {names}")
        new, old = len(preview.new_rows), len(preview.rows) - len(preview.new_rows)
        summary = (
            f"มาตรการใหม่ {thai.thai_number(new)} มีอยู่แล้ว {thai.thai_number(old)} "
            f"(new {new}, already there {old})"
        )
        verb = (
            "ตรวจสอบแล้ว ไม่ได้บันทึก (dry run)"
            if dry_run
            else (f"บันทึกแล้ว {thai.thai_number(len(saved))} มาตรการ (saved)")
        )
        self.stdout.write(
            self.style.SUCCESS(f"{organisation.short_name} {year}: {summary}; {verb}")
        )
