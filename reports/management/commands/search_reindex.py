from django.core.management.base import BaseCommand, CommandError

from measures.models import Organisation
from measures.search.indexing import search_reindex

from ...public_search import search_documents_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index (measures, progress entries with their evidence, units and "
        "published documents) of every organisation, or of one with --org."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="SLUG", help="only this organisation")

    def handle(self, *args, org, **options):
        if org and not Organisation.objects.filter(slug=org).exists():
            raise CommandError(f"ไม่พบหน่วยงาน {org}")

        def progress(organisation, rows):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {organisation.slug}: {rows}")

        rows = search_reindex(slug=org, progress=progress)
        organisations = Organisation.objects.filter(slug=org) if org else Organisation.objects.all()
        documents = search_documents_reindex(organisations=organisations)
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {rows} row(s) and {documents} published document(s)")
        )
