"""``manage.py build_open_data``: rebuild the bulk open-data package (cron; README "Scheduled
jobs"). Safe to run at any time: the new ZIP replaces the old one whole."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from portal.open_data_package import build_package


class Command(BaseCommand):
    help = "Build the bulk open-data package (ZIP of CSV/GeoJSON with datapackage.json)."

    def handle(self, *args, **options):
        info = build_package()
        self.stdout.write(f"Built {info.path} ({filesizeformat(info.size)}).")
