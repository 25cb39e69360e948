from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email a reminder to every member registered for an event that starts within the next "
        "24 hours. Idempotent (each registration is reminded once): run it from cron, for "
        "example every 15 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="How far ahead to look.")

    def handle(self, *args, hours, **options):
        sent = reminders_send(hours=hours)
        self.stdout.write(f"{sent} reminder(s) sent.")
