"""Demo data is built by one command, ``manage.py load_demo_data``, from the pieces that each
app registers in ``wagtail_hooks.py``::

    @hooks.register("register_demo_data")
    def registry_demo():
        return DemoLoader(order=20, name="initiatives", load=registry.demo.load)

``load(*, rng, stdout, scale)`` must be idempotent: running the command twice leaves the same
data. ``rng`` is a ``random.Random`` seeded by the command so every run builds the same site.
"""

import hashlib
import importlib
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, transaction

from wagtail import hooks


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable


def demo_loaders():
    return sorted((fn() for fn in hooks.get_hooks("register_demo_data")), key=lambda d: d.order)


# -- Speed of the demo load (``load_demo_data`` wraps every loader in these) ----------------------


@contextmanager
def one_hash_per_password():
    """Hash each distinct password once while the demo loads: the default hasher's ``salt()``
    returns one random salt for the whole load and its ``encode`` is memoised, so the 60-odd demo
    accounts sharing ``DEMO_PASSWORD`` cost one PBKDF2 run (a third of a second each) instead of
    one each. The stored hashes are ordinary ones of the same algorithm and iterations; only the
    salt is shared between the demo accounts. Restored on exit."""
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher("default")  # the cached instance that make_password uses
    salt = hasher.salt()
    original_encode = hasher.encode
    hashes = {}

    def encode(password, salt, *args, **kwargs):
        key = (password, salt, args, tuple(sorted(kwargs.items())))
        if key not in hashes:
            hashes[key] = original_encode(password, salt, *args, **kwargs)
        return hashes[key]

    hasher.salt = lambda: salt
    hasher.encode = encode
    try:
        yield
    finally:
        del hasher.salt, hasher.encode


class _Recorder:
    """Stands in for a task in a signal handler's module: ``enqueue`` records its arguments."""

    def __init__(self):
        self.calls = {}

    def enqueue(self, *args):
        self.calls[args] = None  # a dict: distinct, in order


@contextmanager
def deferred_indexing(*, stdout=None):
    """Index once, at the end, what the loaders saved: the search index and Wagtail's reference
    index are updated on every save (tasks that the immediate backend runs at once, a dozen
    queries each), and the demo saves most pages several times (created, revised, published,
    translated). Inside the block the two signal handlers' tasks are recorded instead; on a
    clean exit each object is indexed once: search entries in bulk per model (``add_bulk``, as
    ``update_index`` does), references by Wagtail's own task. Same index as before, a fraction
    of the work. On an exception nothing is indexed (the loaders' transaction rolls back)."""
    from wagtail import signal_handlers as wagtail_handlers

    from modelsearch import signal_handlers as search_handlers

    search_task = search_handlers.insert_or_update_object_task
    reference_task = wagtail_handlers.update_reference_index_task
    search, references = _Recorder(), _Recorder()
    search_handlers.insert_or_update_object_task = search
    wagtail_handlers.update_reference_index_task = references
    try:
        yield
    finally:
        search_handlers.insert_or_update_object_task = search_task
        wagtail_handlers.update_reference_index_task = reference_task
    with transaction.atomic():
        _index_recorded(search.calls, search_task)
        for app_label, model_name, pk in references.calls:
            with suppress(ObjectDoesNotExist):  # deleted again by a later step of the load
                reference_task.call(app_label, model_name, pk)
    if stdout is not None:
        stdout.write(
            f"  indexed {len(search.calls)} objects for search, "
            f"{len(references.calls)} for references"
        )


def _index_recorded(calls, task):
    from django.apps import apps

    from wagtail.models import Page

    from .bulk_pages import bulk_index

    by_model = {}
    for app_label, model_name, pk in calls:
        by_model.setdefault(apps.get_model(app_label, model_name), []).append(pk)
    for model, pks in by_model.items():
        if model is Page:
            # A page saved through the base class: indexed as its specific page, one by one.
            for pk in pks:
                with suppress(ObjectDoesNotExist):
                    task.call(model._meta.app_label, model._meta.model_name, pk)
        else:
            bulk_index(model, pks)


# -- A fresh SQLite database from a migrated copy (``load_demo_data --migrate``) ------------------


def schema_cache_dir():
    """Where the migrated empty databases are kept, one per set of migrations: .cache/migrated
    in the checkout (``make clean`` removes it), or ``$ARTICULA_SCHEMA_CACHE``."""
    default = Path(settings.BASE_DIR) / ".cache" / "migrated"
    return Path(os.environ.get("ARTICULA_SCHEMA_CACHE") or default)


def migrations_fingerprint():
    """A digest of everything ``migrate`` on an empty database depends on: every installed
    app's migration files (Wagtail's, allauth's ... and ours, byte for byte), the Django and
    SQLite versions and the settings migrations read. Any change gives another digest."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    for value in (
        django.get_version(),
        sqlite3.sqlite_version,
        settings.INSTALLED_APPS,
        getattr(settings, "MIGRATION_MODULES", {}),
        settings.LANGUAGE_CODE,
        getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None),
        settings.USE_TZ,
        settings.AUTH_USER_MODEL,
        getattr(settings, "WAGTAIL_PAGE_MODEL", None),
    ):
        digest.update(repr(value).encode())
    for app_config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for path in sorted(Path(next(iter(module.__path__))).rglob("*.py")):
            digest.update(str(path.relative_to(app_config.path)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _sqlite_file(connection):
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def _copy_sqlite(source, target):
    """A consistent copy with SQLite's backup API (the databases are in WAL mode)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def migrate_with_schema_cache(*, stdout, using=DEFAULT_DB_ALIAS):
    """``migrate``; on a new SQLite database (no table yet) start from a copy of an empty
    database migrated earlier with the same migrations (:func:`schema_cache_dir`), made on the first
    such run: migrating 250-odd migrations from nothing takes 20 s, nearly all of it Django
    rebuilding model states, and gives the same schema and rows every time. ``migrate`` then
    runs as always (a no-op on the copy, but for its post-migrate signals). Other databases, and
    databases that have tables already, are migrated as usual."""
    from django.core.management import call_command
    from django.db import connections

    connection = connections[using]
    path = _sqlite_file(connection)
    fresh = path is not None and not connection.introspection.table_names()
    cached = schema_cache_dir() / f"{migrations_fingerprint()}.sqlite3" if fresh else None
    if cached is not None and cached.exists():
        connection.close()
        _copy_sqlite(cached, path)
        stdout.write(f"  new database: started from the migrated copy {cached.name}")
    call_command("migrate", interactive=False, verbosity=0, database=using)
    if cached is not None and not cached.exists():
        connection.close()
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        _copy_sqlite(path, partial)
        partial.replace(cached)  # atomic: a concurrent run sees a whole file or none
        stdout.write(f"  migrated database kept for new databases: {cached}")
