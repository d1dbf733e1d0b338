from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.catalog import DEFAULT_CATALOG, CatalogError, catalog_load

ACTIONS = {
    "created": "สร้างใหม่",
    "updated": "ปรับปรุง",
    "unchanged": "ไม่มีการเปลี่ยนแปลง",
    "new-version": "สร้างฉบับใหม่",
}


class Command(BaseCommand):
    help = (
        "Load ITA frameworks (tools, indicators, question codes) from a catalog JSON file. "
        "Idempotent; refuses to rewrite a framework that plans already use (use --new-version)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_CATALOG), type=Path)
        parser.add_argument("--year", type=int, help="load only this fiscal year (พ.ศ.)")
        parser.add_argument(
            "--new-version",
            action="store_true",
            help="store a changed framework as a new version instead of refusing",
        )

    def handle(self, *args, path, year, new_version, verbosity, **options):
        try:
            results = catalog_load(path=path, fiscal_year=year, new_version=new_version)
        except CatalogError as exc:
            raise CommandError(str(exc)) from exc
        for r in results if verbosity else []:
            self.stdout.write(
                self.style.SUCCESS(
                    f"ITA {r.fiscal_year} ฉบับที่ {r.version}: {ACTIONS[r.action]} ({r.questions} รหัส)"
                )
            )
