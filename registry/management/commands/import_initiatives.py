from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tqdm import tqdm

from registry.importers import apply, parse_csv
from registry.services import index_pages_ensure


class Command(BaseCommand):
    help = (
        "Import initiatives from a CSV file (columns of docs/architecture.md; UTF-8, BOM tolerated, comma "
        "or semicolon). Rows are upserted on external_id, else name + country. Bad rows are "
        "reported with line, column and reason; good rows still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; save nothing.")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file, dry_run, no_progress, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error

        def progress(iterable, desc):
            if no_progress:
                return iterable
            return tqdm(iterable, desc=desc, unit="row", file=self.stderr._out)

        report = parse_csv(data, progress=lambda rows: progress(rows, "Checking"))
        for message in report.file_errors:
            self.stderr.write(message)
        if not report.plans and report.file_errors and not report.errors:
            raise CommandError("Nothing to import.")
        if dry_run:
            self._errors(report)
            self.stdout.write(
                f"Dry run: {len(report.creates)} to create, {len(report.updates)} to update, "
                f"{len(report.error_lines)} rows with errors. Nothing was saved."
            )
            return
        index_page = index_pages_ensure()
        if index_page is None:
            raise CommandError("There is no home page to put the registry under.")
        with transaction.atomic():
            apply(
                report,
                index_page=index_page,
                progress=lambda plans: progress(plans, "Importing"),
            )
        self._errors(report)
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} created, {report.updated} updated, "
                f"{len(report.error_lines)} rows with errors."
            )
        )

    def _errors(self, report):
        for error in sorted(report.errors, key=lambda error: error.line):
            self.stderr.write(str(error))
