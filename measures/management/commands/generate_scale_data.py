import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from measures.models import Framework
from reports.scale import FRAMEWORK_YEAR, scale_generate


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic organisations (slug scale-NNNNN), each with 5 units and "
        "an announced FY 2566 plan on the ITA 2565 framework, for load tests. Bulk inserts "
        "(COPY on PostgreSQL); no history records. For a throwaway database, never production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=100, help="organisations to add")
        parser.add_argument("--measures", type=int, default=15, help="measures per organisation")
        parser.add_argument("--entries", type=int, default=10, help="progress entries per measure")
        parser.add_argument("--seed", type=int, default=2566, help="random seed (repeatable data)")
        parser.add_argument(
            "--progress-every", type=int, default=500, help="print a progress line every N orgs"
        )

    def handle(self, *args, orgs, measures, entries, seed, progress_every, **options):
        if orgs < 1 or measures < 0 or entries < 0 or progress_every < 1:
            raise CommandError("--orgs ต้องมากกว่า ๐ และ --measures, --entries ต้องไม่ติดลบ")
        if entries > 365:
            raise CommandError("--entries ต้องไม่เกิน ๓๖๕ (หนึ่งรายการต่อวันในปีงบประมาณ)")
        if not Framework.objects.filter(fiscal_year=FRAMEWORK_YEAR).exists():
            call_command("load_ita_catalog", stdout=self.stdout)
        started = time.perf_counter()

        def progress(done, total):
            elapsed = time.perf_counter() - started
            self.stdout.write(f"  {done:,}/{total:,} organisations, {elapsed:.1f} s")

        result = scale_generate(
            orgs=orgs,
            measures=measures,
            entries=entries,
            seed=seed,
            batch=progress_every,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.organisations:,} organisations, {result.units:,} units, "
                f"{result.measures:,} measures, {result.entries:,} entries "
                f"in {time.perf_counter() - started:.1f} s (first: {result.first_slug})"
            )
        )
