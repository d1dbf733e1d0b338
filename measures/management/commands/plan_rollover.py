from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from itaportal import thai
from measures.models import Framework, MeasurePlan
from measures.rollover.services import RolloverRefused, plan_rollover, rollover_framework


class Command(BaseCommand):
    help = (
        "Make next fiscal year's plan of an organisation from this year's: themes, measures, "
        "steps, units and monitoring, dates one year later, questions mapped to the new "
        "framework's codes; no progress. Lists the questions that have no counterpart."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organisation's slug")
        parser.add_argument("--from", dest="year", required=True, type=int, help="the plan's year")
        parser.add_argument(
            "--framework",
            type=int,
            help="the new plan's framework year (default: the newest it may use)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what it does, save nothing"
        )

    def handle(self, *args, org, year, framework, dry_run, **options):
        plan = (
            MeasurePlan.objects.select_related("organisation", "framework")
            .filter(organisation__slug=org, fiscal_year=year)
            .first()
        )
        if plan is None:
            raise CommandError(f"ไม่พบแผนมาตรการปีงบประมาณ {year} ของหน่วยงาน {org}")
        if framework is None:
            to_framework = rollover_framework(plan)
        else:
            to_framework = (
                Framework.objects.filter(fiscal_year=framework).order_by("-version").first()
            )
            if to_framework is None:
                raise CommandError(f"ไม่พบกรอบการประเมินปี {framework} (โหลดด้วย load_ita_catalog)")
        try:
            # A dry run does all the work in a transaction rolled back at its end: the same
            # checks and the same report as the real run, nothing saved.
            with transaction.atomic():
                rollover = plan_rollover(plan=plan, to_framework=to_framework, by=None)
                transaction.set_rollback(dry_run)
        except RolloverRefused as error:
            raise CommandError(str(error)) from error
        self._report(rollover, dry_run)

    def _report(self, rollover, dry_run):
        write, n = self.stdout.write, thai.to_thai_digits
        write(
            f"แผนปีงบประมาณ {n(rollover.fiscal_year)} (กรอบการประเมินปี "
            f"{n(rollover.framework.fiscal_year)}): ประเด็น {n(len(rollover.themes))} "
            f"มาตรการ {n(len(rollover.measures))} ขั้นตอน {n(rollover.step_count)} "
            f"การติดตามผล {n(rollover.monitoring_count)}"
        )
        for measure, questions in rollover.unmapped:
            codes = ", ".join(q.code for q in questions)
            write(
                self.style.WARNING(f"มาตรการที่ {n(measure.number)}: ข้อคำถามที่ไม่มีคู่ในกรอบใหม่ {codes}")
            )
        verb = "ตรวจสอบแล้ว ไม่ได้บันทึก (--dry-run)" if dry_run else "บันทึกแล้ว"
        write(self.style.SUCCESS(f"{rollover.plan.organisation.short_name}: {verb}"))
