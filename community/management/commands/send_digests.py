from django.core.management.base import BaseCommand

from community.digests import send_digests


class Command(BaseCommand):
    help = (
        "Send the weekly digest to every member who follows something and has not switched "
        "it off (run it daily from cron or a task worker: each member gets at most one a week)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send even if the member's last digest is less than a week old.",
        )

    def handle(self, *args, force=False, **options):
        sent, considered = send_digests(force=force)
        self.stdout.write(f"Digests sent: {sent} (members considered: {considered}).")
