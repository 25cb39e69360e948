from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup`: checks its manifest and checksums, refuses a "
        "non-empty database unless --replace is given, restores the database and media, migrates "
        "forward, and prints every model's row count in the archive and after the restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already holds content (accounts or pages).",
        )

    def handle(self, *args, archive, replace, **options):
        try:
            rows = restore_backup(archive, replace=replace, stdout=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        width = max(len(label) for label, _, _ in rows)
        self.stdout.write(f"{'model':<{width}}  {'archive':>8}  {'restored':>8}")
        differ = 0
        for label, before, after in rows:
            mark = "" if before == after else "  <- differs"
            differ += bool(mark)
            self.stdout.write(f"{label:<{width}}  {before!s:>8}  {after!s:>8}{mark}")
        if differ:
            self.stdout.write(
                self.style.WARNING(
                    f"{differ} models differ (new tables or rows added by migrations since the "
                    "backup are expected)."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}."))
