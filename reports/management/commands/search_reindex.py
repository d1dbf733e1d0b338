import time

from django.core.management.base import BaseCommand, CommandError

from measures.models import Organisation
from measures.search.indexing import REINDEX_BATCH, search_reindex

from ...public_search import search_documents_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index (measures, progress entries with their evidence, units and "
        "published documents) of every organisation, or of one with --org. Organisations are "
        "rebuilt in batches; a line of progress after each batch of a long run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="SLUG", help="only this organisation")
        parser.add_argument(
            "--batch", type=int, default=REINDEX_BATCH, help="organisations per transaction"
        )

    def handle(self, *args, org, batch, **options):
        if org and not Organisation.objects.filter(slug=org).exists():
            raise CommandError(f"ไม่พบหน่วยงาน {org}")
        if batch < 1:
            raise CommandError("--batch ต้องมากกว่า ๐")
        started = time.perf_counter()

        def progress(done, total, rows):
            if options["verbosity"] > 0 and total > batch:
                elapsed = time.perf_counter() - started
                self.stdout.write(
                    f"  {done:,}/{total:,} organisations, {rows:,} rows, {elapsed:.1f} s"
                )

        rows = search_reindex(slug=org, batch=batch, progress=progress)
        organisations = Organisation.objects.filter(slug=org) if org else Organisation.objects.all()
        documents = search_documents_reindex(organisations=organisations)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {rows:,} row(s) and {documents:,} published document(s) "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
