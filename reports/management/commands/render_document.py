from django.core.management.base import BaseCommand, CommandError

from itaportal import thai
from measures.models import MeasurePlan
from reports.documents import KINDS, LAYOUTS, document_pdf
from reports.pdf import DocumentRenderError
from reports.publishing import document_date


class Command(BaseCommand):
    help = (
        "Render a preview PDF of a plan's document (measures, 6- or 12-month report) "
        "without publishing it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument(
            "--year", required=True, help="fiscal year (พ.ศ.), Thai or Arabic digits"
        )
        parser.add_argument("--kind", required=True, choices=KINDS)
        parser.add_argument("--layout", default="plan", choices=LAYOUTS)
        parser.add_argument("--no-cover", action="store_true", help="leave out the cover page")
        parser.add_argument(
            "--on",
            help="the date after ประกาศ ณ วันที่ (Thai or ISO), by default the plan's announcement "
            "date for the measures and today for a progress report",
        )
        parser.add_argument("-o", "--output", required=True, help="PDF file to write")

    def handle(self, *args, org, year, kind, layout, no_cover, on, output, **options):
        try:
            fiscal_year = int(thai.to_arabic_digits(year))
        except ValueError:
            raise CommandError(f"ปีงบประมาณ {year!r} ไม่ถูกต้อง") from None
        try:
            on = thai.parse_date(on) if on else None
        except thai.ThaiFormatError as exc:
            raise CommandError(f"--on: {exc}") from None
        plan = (
            MeasurePlan.objects.select_related("organisation", "framework")
            .filter(organisation__slug=org, fiscal_year=fiscal_year)
            .first()
        )
        if plan is None:
            raise CommandError(
                f"ไม่พบแผนมาตรการของ {org} ปีงบประมาณ {thai.to_thai_digits(fiscal_year)}"
            )
        try:
            on = on or document_date(plan, kind)
            data, doc = document_pdf(plan, kind, layout, on=on, cover=not no_cover)
        except DocumentRenderError as exc:
            raise CommandError(str(exc)) from exc
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"{output}: {doc['title']} ({len(data):,} bytes, {doc['measure_count']} measures, "
                f"{doc['entry_count']} entries)"
            )
        )
