from django.core.management.base import BaseCommand
from django.db import transaction

from portal.site_structure import site_structure_ensure


class Command(BaseCommand):
    help = (
        "Create the page tree a new site needs: the home page in every language and the section "
        "index pages (initiatives, practices, topics, events, news). Idempotent."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            site_structure_ensure(stdout=self.stdout)
