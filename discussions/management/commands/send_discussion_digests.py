from django.core.management.base import BaseCommand

from discussions.digests import send_digests


class Command(BaseCommand):
    help = "Send the weekly summary to members who follow discussions in a weekly summary."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ignore the weekly interval.")

    def handle(self, *args, force=False, **options):
        sent = send_digests(force=force)
        self.stdout.write(f"{sent} discussion summaries sent")
