import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import demo_loaders
from portal.site_structure import site_structure_ensure

SEED = 20261128


class Command(BaseCommand):
    help = (
        "Build the demo site: pages in three languages, demo accounts (only when DEBUG is on) and "
        "every app's demo content. Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also build a large synthetic data set of about N initiatives for benchmarks.",
        )
        parser.add_argument("--only", help="Load only the named part (for example 'initiatives').")

    def handle(self, *args, scale, only, **options):
        loaders = demo_loaders()
        if only:
            loaders = [loader for loader in loaders if loader.name == only]
            if not loaders:
                raise CommandError(f"No demo data part named {only!r}.")
        for loader in loaders:
            rng = random.Random(f"{SEED}-{loader.name}")
            self.stdout.write(f"Loading demo {loader.name}…")
            with transaction.atomic():
                loader.load(rng=rng, stdout=self.stdout, scale=scale, debug=settings.DEBUG)
        # Every section in every language, also those an app's demo translates into some
        # languages only (the events demo: Spanish): /pt/events/ must answer.
        self.stdout.write("Completing the sections in every language…")
        with transaction.atomic():
            site_structure_ensure(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
