"""The bulk open-data download: one ZIP with a CSV per ``OpenDataset`` (``portal/open_data.py``),
a GeoJSON file where the data set has one, and a Frictionless ``datapackage.json``
(https://specs.frictionlessdata.io/data-package/) that describes every file, every column
(name, type, description) and the licence (the site's open-data licence, *Settings > Portal
settings*).

Built by ``manage.py build_open_data`` (cron, README "Scheduled jobs"), on the first request
of ``/open-data/articula-open-data.zip`` when no package exists yet, and in the background
(``rebuild_package``, a django-tasks task) when a download finds that public content changed
since the last build; stored in the default
storage under ``PACKAGE_PATH`` (replaced whole, never half-written: the ZIP is built in memory
first). ``package_info()`` says whether it exists, its date and size (the registry's open-data
section links it with them).

CSV cells: lists joined with ``;`` (declared as Table Schema ``list`` fields with that
delimiter), booleans ``true``/``false``, dates and times in ISO 8601, an empty cell for no
value; text that a spreadsheet would run as a formula is quoted (``portal/csv_safety.py``).
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation

from django_tasks import task

from . import page_cache
from .csv_safety import SafeDictWriter
from .open_data import open_datasets

PACKAGE_NAME = "articula-open-data"
PACKAGE_FILENAME = f"{PACKAGE_NAME}.zip"
PACKAGE_PATH = f"open-data/{PACKAGE_FILENAME}"
LIST_DELIMITER = ";"
NUMBER_TYPES = ("integer", "number", "year")
BUILD_LOCK = "portal:open-data-package:building"
INFO_CACHE_KEY = "portal:open-data-package:info"
BUILT_FOR_KEY = "portal:open-data-package:generation"
REBUILD_QUEUED = "portal:open-data-package:rebuild-queued"
REBUILD_QUEUED_TIMEOUT = 900


@dataclass(frozen=True)
class PackageInfo:
    path: str
    size: int
    built_at: datetime


def _cell(value, field_type):
    if value is None:
        return ""
    if field_type == "array":
        return LIST_DELIMITER.join(str(item) for item in value)
    if field_type == "boolean":
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value if field_type in NUMBER_TYPES else str(value)


def dataset_csv(dataset):
    """The CSV text of one ``OpenDataset`` (header: its field names, in order)."""
    out = io.StringIO()
    names = [field.name for field in dataset.fields]
    writer = SafeDictWriter(
        out,
        fieldnames=names,
        extrasaction="ignore",
        lineterminator="\n",
        numeric_columns=[field.name for field in dataset.fields if field.type in NUMBER_TYPES],
    )
    writer.writeheader()
    types = {field.name: field.type for field in dataset.fields}
    for row in dataset.rows():
        writer.writerow({name: _cell(row.get(name), types[name]) for name in names})
    return out.getvalue()


def _schema_field(field):
    described = {"name": field.name, "description": str(field.description)}
    if field.type == "array":
        return {**described, "type": "list", "delimiter": LIST_DELIMITER, "itemType": "string"}
    return {**described, "type": field.type}


def _licence():
    from .models import PortalSettings

    # Not ``load()``, which creates the row on first use: a write would move the page cache's
    # generation during the build and leave the new package marked outdated.
    portal_settings = PortalSettings.objects.order_by("pk").first() or PortalSettings()
    return {
        "name": portal_settings.data_licence_name,
        "path": portal_settings.data_licence_url,
        "title": portal_settings.data_licence_name,
    }


def datapackage(datasets, *, created):
    """The ``datapackage.json`` descriptor of ``datasets`` (each ``OpenDataset``'s CSV, and its
    GeoJSON when it has one)."""
    resources = []
    for dataset in datasets:
        resources.append(
            {
                "name": dataset.key,
                "title": str(dataset.title),
                "path": f"{dataset.key}.csv",
                "type": "table",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"csv": {"delimiter": ",", "lineTerminator": "\n"}},
                "schema": {"fields": [_schema_field(field) for field in dataset.fields]},
            }
        )
        if dataset.geojson is not None:
            resources.append(
                {
                    "name": f"{dataset.key}-geojson",
                    "title": f"{dataset.title} (GeoJSON)",
                    "path": f"{dataset.key}.geojson",
                    "type": "json",
                    "scheme": "file",
                    "format": "geojson",
                    "mediatype": "application/geo+json",
                    "encoding": "utf-8",
                }
            )
    return {
        "name": PACKAGE_NAME,
        "title": "Articula open data",
        "description": (
            "Public records of the Articula portal: one CSV per table, GeoJSON where the "
            "records have a place."
        ),
        "created": created.isoformat(timespec="seconds"),
        "licenses": [_licence()],
        "resources": resources,
    }


def build_package_bytes(*, now=None):
    """The ZIP (bytes) of every registered data set, with its ``datapackage.json``.

    Written in the site's default language (titles and descriptions), whatever the request's."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        datasets = open_datasets()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for dataset in datasets:
                archive.writestr(f"{dataset.key}.csv", dataset_csv(dataset))
                if dataset.geojson is not None:
                    body = json.dumps(dataset.geojson(), ensure_ascii=False, default=str)
                    archive.writestr(f"{dataset.key}.geojson", body)
            descriptor = datapackage(datasets, created=now)
            archive.writestr(
                "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2)
            )
    return buffer.getvalue()


def build_package():
    """Build the package and store it (replacing the previous one); returns its ``PackageInfo``.

    Remembers which page-cache generation (``portal.page_cache.generation``: it changes on
    every write to public content) the package shows. The build itself empties the page cache
    (the open-data sections show the new date and size), which moves the generation on: the
    package is up to date with the new one, unless content changed while it was being built,
    in which case it stays marked with the old one and the next download rebuilds it."""
    before = page_cache.generation()
    content = build_package_bytes()
    if default_storage.exists(PACKAGE_PATH):
        default_storage.delete(PACKAGE_PATH)
    default_storage.save(PACKAGE_PATH, ContentFile(content))
    cache.delete(INFO_CACHE_KEY)
    unchanged = page_cache.generation() == before

    def mark():
        cache.set(BUILT_FOR_KEY, page_cache.generation() if unchanged else before, timeout=None)

    page_cache.invalidate()
    mark()
    if transaction.get_connection().in_atomic_block:
        # invalidate() moves the generation again when the transaction commits: mark after it.
        transaction.on_commit(mark, robust=True)
    return package_info()


def package_info():
    """The stored package's ``PackageInfo``, or None before the first build (remembered in the
    shared cache for a few minutes: the registry's page shows it)."""
    info = cache.get(INFO_CACHE_KEY)
    if info is None:
        if not default_storage.exists(PACKAGE_PATH):
            return None
        info = PackageInfo(
            path=PACKAGE_PATH,
            size=default_storage.size(PACKAGE_PATH),
            built_at=default_storage.get_modified_time(PACKAGE_PATH),
        )
        cache.set(INFO_CACHE_KEY, info, 300)
    return info


def package_outdated():
    """Whether public content changed since the package was built (no database query: two
    reads of the shared cache). A package built before this marker existed counts as
    outdated once."""
    return cache.get(BUILT_FOR_KEY) != page_cache.generation()


@task()
def rebuild_package():
    """The background rebuild :func:`ensure_package` asks for (under the build lock, so that
    it never runs beside another build)."""
    try:
        if cache.add(BUILD_LOCK, True, 600):
            try:
                build_package()
            finally:
                cache.delete(BUILD_LOCK)
    finally:
        cache.delete(REBUILD_QUEUED)


def rebuild_enqueue():
    """Ask for one background rebuild: however many downloads notice the package is outdated
    at once, only the first enqueues the task (``cache.add`` is atomic); the marker goes when
    the task has run, or after ``REBUILD_QUEUED_TIMEOUT`` if no worker ever runs it."""
    if not cache.add(REBUILD_QUEUED, True, REBUILD_QUEUED_TIMEOUT):
        return False
    try:
        rebuild_package.enqueue()
    except Exception:
        cache.delete(REBUILD_QUEUED)
        raise
    return True


def ensure_package():
    """The package's ``PackageInfo``, building it first if there is none yet; None when another
    process is building it right now. When public content changed since the package was built,
    the existing package is served and one rebuild is enqueued (debounced: the next one only
    once that one has run), so the download follows the site within a task run, not a night."""
    info = package_info()
    if info is not None:
        if package_outdated():
            rebuild_enqueue()
        return info
    if not cache.add(BUILD_LOCK, True, 600):
        return None
    try:
        return build_package()
    finally:
        cache.delete(BUILD_LOCK)
