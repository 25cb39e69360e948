import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import page_cache
from portal.demo import (
    deferred_indexing,
    demo_loaders,
    migrate_with_schema_cache,
    one_hash_per_password,
)
from portal.site_structure import site_structure_ensure

SEED = 20261128
DEFAULT_SCALE = 10_000


class Command(BaseCommand):
    help = (
        "Build the demo site: pages in three languages, demo accounts (only when DEBUG is on) and "
        "every app's demo content. Idempotent: running it again changes nothing. With --scale N "
        "also a large synthetic data set for benchmarks, inserted in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            nargs="?",
            const=DEFAULT_SCALE,
            default=0,
            metavar="N",
            help=(
                "Also build a synthetic data set for benchmarks: N initiatives, 5N members with "
                "public profiles, 2N practices, N/2 events (some in programs with sessions), "
                "N/10 tags (at most 1,000) and about 20N tag links; 10%% translated, a few "
                f"drafts and pages in moderation. N defaults to {DEFAULT_SCALE:,}. Running it "
                "again adds only what is missing."
            ),
        )
        parser.add_argument(
            "--migrate",
            action="store_true",
            help=(
                "Apply the migrations first, in this process (`make run`). A new SQLite "
                "database starts from a copy of one migrated before with the same migrations "
                "(kept in .cache/migrated), which saves most of the time migrate takes."
            ),
        )
        parser.add_argument("--only", help="Load only the named part (for example 'initiatives').")

    def handle(self, *args, scale, only, migrate=False, **options):
        if scale < 0:
            raise CommandError("--scale takes a positive number.")
        if migrate:
            self.stdout.write("Applying the migrations…")
            migrate_with_schema_cache(stdout=self.stdout)
        loaders = demo_loaders()
        if only:
            loaders = [loader for loader in loaders if loader.name == only]
            if not loaders:
                raise CommandError(f"No demo data part named {only!r}.")
        # One password hash for the demo accounts and one search/reference indexing pass at
        # the end, rather than one per save (portal/demo.py): the same data, much sooner.
        with one_hash_per_password(), deferred_indexing(stdout=self.stdout):
            for loader in loaders:
                rng = random.Random(f"{SEED}-{loader.name}")
                self.stdout.write(f"Loading demo {loader.name}…")
                started = time.perf_counter()
                with transaction.atomic():
                    loader.load(rng=rng, stdout=self.stdout, scale=scale, debug=settings.DEBUG)
                if scale:
                    self.stdout.write(f"  ({loader.name}: {time.perf_counter() - started:.1f} s)")
            # Every section in every language, also those an app's demo translates into some
            # languages only (the events demo: Spanish): /pt/events/ must answer.
            self.stdout.write("Completing the sections in every language…")
            with transaction.atomic():
                site_structure_ensure(stdout=self.stdout)
        # Bulk inserts (--scale) skip the model signals that clear cached pages.
        page_cache.invalidate()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
