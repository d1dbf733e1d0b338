from django.core.management.base import BaseCommand, CommandError

from itaportal import thai
from measures.models import MeasurePlan, Organisation
from reports.analysis_document import AnalysisUnavailable, analysis_pdf
from reports.documents import KINDS, LAYOUTS, document_pdf
from reports.docx import document_docx
from reports.docx_analysis import analysis_docx
from reports.pdf import DocumentRenderError
from reports.publishing import document_date


class Command(BaseCommand):
    help = (
        "Render a preview of a plan's document (measures, 6- or 12-month report, or the "
        "analysis of the previous year's ITA result) without publishing it: a PDF, or a DOCX "
        "working copy when the output file ends in .docx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument(
            "--year", required=True, help="fiscal year (พ.ศ.), Thai or Arabic digits"
        )
        # The analysis is of the result of --year − 1, which leads into --year's plan.
        parser.add_argument("--kind", required=True, choices=(*KINDS, "analysis"))
        parser.add_argument("--layout", default="plan", choices=LAYOUTS)
        parser.add_argument("--no-cover", action="store_true", help="leave out the cover page")
        parser.add_argument(
            "--on",
            help="the date after ประกาศ ณ วันที่ (Thai or ISO), by default the plan's announcement "
            "date for the measures and today for a progress report",
        )
        parser.add_argument("-o", "--output", required=True, help="file to write: .pdf or .docx")

    def handle(self, *args, org, year, kind, layout, no_cover, on, output, **options):
        if not output.lower().endswith((".pdf", ".docx")):
            raise CommandError(f"-o {output!r}: the file name must end in .pdf or .docx")
        as_docx = output.lower().endswith(".docx")
        fiscal_year = thai.read_whole_number(year)
        if fiscal_year is None:
            raise CommandError(f"ปีงบประมาณ {year!r} ไม่ถูกต้อง")
        try:
            on = thai.parse_date(on) if on else None
        except thai.ThaiFormatError as exc:
            raise CommandError(f"--on: {exc}") from None
        if kind == "analysis":
            return self._analysis(org, fiscal_year, on, no_cover, output, as_docx)
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
            render = document_docx if as_docx else document_pdf
            data, doc = render(plan, kind, layout, on=on, cover=not no_cover)
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

    def _analysis(self, slug, plan_year, on, no_cover, output, as_docx):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"ไม่พบหน่วยงาน {slug}")
        try:
            render = analysis_docx if as_docx else analysis_pdf
            data, doc = render(
                organisation=organisation, plan_year=plan_year, on=on, cover=not no_cover
            )
        except (AnalysisUnavailable, DocumentRenderError) as exc:
            raise CommandError(str(exc)) from exc
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(self.style.SUCCESS(f"{output}: {doc['title']} ({len(data):,} bytes)"))
