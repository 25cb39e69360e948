from django.core.management.base import BaseCommand

from registry.freshness import freshness_run


class Command(BaseCommand):
    help = (
        "Send the freshness reminders that are due to the managers of stale initiatives and "
        "archive those whose reminders went unanswered (settings: Wagtail admin > Settings > "
        "Record freshness). Run it daily from cron; running it again the same day sends nothing "
        "twice."
    )

    def handle(self, *args, **options):
        report = freshness_run()
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.reminded} initiatives reminded ({report.emails} emails), "
                f"{report.archived} archived."
            )
        )
