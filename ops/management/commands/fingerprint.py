import hashlib
import json

from django.core.management.base import BaseCommand
from django.test import Client

from ops.backup import _media_root, model_counts, sha256_file

# The open data as a visitor downloads it: equal fingerprints mean the same public records.
OPEN_DATA_PATHS = ["/initiatives/data.csv", "/initiatives/data.json", "/initiatives/data.geojson"]


class Command(BaseCommand):
    help = (
        "Print a JSON fingerprint of the site: row counts per model, a SHA-256 of each open-data "
        "download and of every media file. Compare the fingerprints taken before a backup and "
        "after its restore: they must be equal."
    )

    def handle(self, *args, **options):
        client = Client(HTTP_HOST="localhost")
        open_data = {}
        for path in OPEN_DATA_PATHS:
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            open_data[path] = {
                "status": response.status_code,
                "sha256": hashlib.sha256(body).hexdigest(),
            }
        root = _media_root()
        media = {
            path.relative_to(root).as_posix(): sha256_file(path)
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        fingerprint = {"counts": model_counts(), "open_data": open_data, "media": media}
        self.stdout.write(json.dumps(fingerprint, indent=2, sort_keys=True))
