from django.core.management.base import BaseCommand

from registry.importers import export_rows, write_csv
from registry.models import InitiativePage


class Command(BaseCommand):
    help = (
        "Export every live initiative to a CSV file with all the import columns (the staff "
        "export, contact emails included); import_initiatives reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Output path, or - for standard output.")

    def handle(self, *args, file, **options):
        rows = export_rows(InitiativePage.objects.live(), private=True)
        if file == "-":
            write_csv(rows, self.stdout)
        else:
            with open(file, "w", newline="", encoding="utf-8") as handle:
                write_csv(rows, handle)
            self.stdout.write(self.style.SUCCESS(f"{len(rows)} initiatives written to {file}."))
