from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one timestamped archive (articula-backup-<UTC time>.tar.gz) into DEST: the database "
        "(pg_dump custom format on PostgreSQL, SQLite's online backup otherwise), the media files "
        "and a manifest (row counts per model, app version, migrations, checksums)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Folder that receives the archive.")
        parser.add_argument(
            "--no-media", action="store_true", help="Leave the media files out (object storage)."
        )

    def handle(self, *args, destination, no_media, **options):
        try:
            result = create_backup(destination, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.path}: {manifest['engine']} database, {rows} rows in "
                f"{len(manifest['counts'])} tables, {len(manifest['media'])} media files."
            )
        )
