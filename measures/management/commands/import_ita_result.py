from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from itaportal import thai
from measures.models import Organisation
from measures.results.files import lines_from_bytes
from measures.results.importing import result_import
from measures.results.parsing import ResultTextError


class Command(BaseCommand):
    help = (
        "Import an organisation's ITA result (scores per indicator and/or question, the official "
        "total and rating) from a .csv, .xlsx or .txt file, by the same rules as the web page. "
        "Nothing is saved unless every line is understood."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="the organisation's slug")
        parser.add_argument("--year", required=True, type=int, help="the assessment's fiscal year")
        parser.add_argument("--dry-run", action="store_true", help="read and compute, save nothing")

    def handle(self, *args, file, org, year, dry_run, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"ไม่พบหน่วยงาน {org}")
        try:
            lines = lines_from_bytes(file.name, file.read_bytes())
            imported = result_import(
                organisation=organisation, fiscal_year=year, lines=lines, dry_run=dry_run
            )
        except OSError as error:
            raise CommandError(f"อ่านไฟล์ {file} ไม่ได้: {error}") from error
        except ResultTextError as error:
            raise CommandError("ยังไม่ได้บันทึก:\n" + "\n".join(error.messages)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        computed, typed = imported.computed, imported.typed
        self.stdout.write(f"คะแนนที่อ่านได้ {thai.thai_number(len(typed.scores))} รายการ")
        if computed.total is not None:
            self.stdout.write(
                f"คะแนนรวมที่คำนวณ {thai.thai_number(computed.total)} ระดับ {computed.rating}"
            )
        if typed.official_total is not None and computed.total is not None:
            if abs(typed.official_total - computed.total) > 0.01:
                self.stdout.write(
                    self.style.WARNING(
                        f"คะแนนรวมที่ ป.ป.ช. ประกาศ {thai.thai_number(typed.official_total)} "
                        f"ต่างจากที่คำนวณ {thai.thai_number(computed.total)}"
                    )
                )
        verb = "ตรวจสอบแล้ว ไม่ได้บันทึก (--dry-run)" if dry_run else "บันทึกแล้ว"
        self.stdout.write(
            self.style.SUCCESS(f"{organisation.short_name} ITA {thai.to_thai_digits(year)}: {verb}")
        )
