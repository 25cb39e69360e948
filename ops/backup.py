"""Backups of the whole site as one archive, and their restore.

An archive (``articula-backup-<UTC timestamp>.tar.gz``) holds:
- ``database.dump`` (``pg_dump`` custom format) on PostgreSQL, or ``database.sqlite3`` (SQLite's
  online backup API, consistent while the site keeps serving) otherwise;
- ``media/``: every file of the media storage (images, documents);
- ``manifest.json``: format version, creation time, app version, database engine, the applied
  migrations, the row count of every model, and a SHA-256 of the database file and of every media
  file, so that a restore can check what it is given before touching anything.

The restore refuses an archive whose manifest or checksums do not match, one made by a newer
version of the code (migrations this code does not know), and a non-empty database unless told
to replace it. After restoring it migrates forward (the archive may be older than the code).
"""

import dataclasses
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"


# What a truncated, corrupted or foreign file raises while it is read as a .tar.gz.
ARCHIVE_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def app_version():
    try:
        return version("articula")
    except PackageNotFoundError:
        import tomllib

        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        return tomllib.loads(pyproject.read_text())["project"]["version"]


def model_counts(using="default"):
    """Rows of every concrete model, keyed ``app_label.ModelName``, sorted."""
    counts = {}
    tables = set(connections[using].introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.db_table not in tables:
            continue
        counts[model._meta.label] = model._base_manager.using(using).count()
    return dict(sorted(counts.items()))


def applied_migrations(using="default"):
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    state = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


def known_migrations():
    """Migrations present in this checkout's code, by app."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {}
    for app_label, name in loader.disk_migrations:
        known.setdefault(app_label, set()).add(name)
    return known


def database_is_empty(using="default"):
    """True for a database with no tables, or one that holds only what ``migrate`` creates (no
    user account, no page but the tree root and the home page). Anything more is content that a
    restore would destroy, so the restore refuses it unless told to replace it."""
    tables = connections[using].introspection.table_names()
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    page_model = apps.get_model("wagtailcore", "Page")
    if user_model._meta.db_table not in tables or page_model._meta.db_table not in tables:
        return True
    has_users = user_model._base_manager.using(using).exists()
    return not has_users and page_model._base_manager.using(using).count() <= FRESH_SITE_PAGES


# `migrate` creates the page tree's root and the home page.
FRESH_SITE_PAGES = 2


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root():
    root = getattr(default_storage, "location", None)
    if root is None:
        raise BackupError(
            "The media storage is not a local folder (object storage): back up its bucket with "
            "the provider's own tools; this command saves the database only with --no-media."
        )
    return Path(root)


def _engine(using="default"):
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Unsupported database engine: {vendor}.")
    return vendor


def _pg_env(db):
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _dump_database(workdir, using="default"):
    db = connections[using].settings_dict
    if _engine(using) == "postgresql":
        target = workdir / POSTGRES_FILE
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target)]
        _run(command + _pg_args(db) + [db["NAME"]], env=_pg_env(db))
        return target
    target = workdir / SQLITE_FILE
    connections[using].ensure_connection()
    source = connections[using].connection
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    copy.close()
    return target


def _run(command, env=None):
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed (it comes with PostgreSQL's client)."
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()}") from exc


@dataclasses.dataclass
class BackupResult:
    path: Path
    manifest: dict


def create_backup(destination, *, include_media=True, using="default", now=None):
    """Write one archive into the folder ``destination`` and return its path and manifest."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now(UTC)
    name = f"articula-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    archive_path = destination / name
    if archive_path.exists():
        raise BackupError(f"{archive_path} already exists.")
    with tempfile.TemporaryDirectory(prefix="articula-backup-") as tmp:
        workdir = Path(tmp)
        database_file = _dump_database(workdir, using)
        media_files = {}
        if include_media:
            root = _media_root()
            if root.exists():
                for path in sorted(root.rglob("*")):
                    if path.is_file():
                        media_files[path.relative_to(root).as_posix()] = sha256_file(path)
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "app_version": app_version(),
            "engine": _engine(using),
            "database_file": database_file.name,
            "database_sha256": sha256_file(database_file),
            "migrations": applied_migrations(using),
            "counts": model_counts(using),
            "media": media_files,
        }
        partial = archive_path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(database_file, arcname=database_file.name)
            if include_media:
                root = _media_root()
                for relative in media_files:
                    tar.add(root / relative, arcname=f"{MEDIA_DIR}/{relative}")
        # A half-written archive never carries the final name.
        partial.rename(archive_path)
    return BackupResult(path=archive_path, manifest=manifest)


def read_manifest(archive):
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist or is not a file.")
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.getmember(MANIFEST)
            manifest = json.load(tar.extractfile(member))
    except (*ARCHIVE_ERRORS, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} is not an Articula backup (no readable manifest).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has an unknown backup format.")
    for key in ("engine", "database_file", "database_sha256", "migrations", "counts", "media"):
        if key not in manifest:
            raise BackupError(f"{archive}: the manifest lacks '{key}'.")
    return manifest


def check_compatible(manifest, using="default"):
    engine = _engine(using)
    if manifest["engine"] != engine:
        raise BackupError(
            f"The archive holds a {manifest['engine']} database; this site runs on {engine}. "
            "Restore it into a site with the same database engine."
        )
    known = known_migrations()
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in known.get(app, set())
    ]
    if unknown:
        raise BackupError(
            "The archive was made by a newer version of Articula (migrations unknown to this "
            f"code: {', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}). Upgrade first."
        )


def _safe_members(tar, workdir):
    """Members to extract: regular files inside the work folder only (no links, no ``..``)."""
    for member in tar.getmembers():
        if not member.isfile():
            continue
        target = (workdir / member.name).resolve()
        if not str(target).startswith(str(workdir.resolve()) + os.sep):
            raise BackupError(f"Refusing an archive member outside the archive: {member.name}")
        yield member


def restore_backup(archive, *, replace=False, using="default", stdout=None):
    """Restore ``archive`` into the configured database and media folder. Returns a list of
    (model label, rows in the archive, rows after the restore)."""
    manifest = read_manifest(archive)
    check_compatible(manifest, using)
    if not replace and not database_is_empty(using):
        raise BackupError(
            "The database is not empty: restoring would overwrite its content. Nothing was "
            "changed. Run again with --replace to overwrite it (back it up first)."
        )
    with tempfile.TemporaryDirectory(prefix="articula-restore-") as tmp:
        workdir = Path(tmp)
        try:
            with tarfile.open(archive, "r:*") as tar:
                tar.extractall(workdir, members=list(_safe_members(tar, workdir)))  # noqa: S202
        except ARCHIVE_ERRORS as exc:
            raise BackupError(
                f"{archive} is damaged or truncated ({exc}). Nothing was changed."
            ) from exc
        database_file = workdir / manifest["database_file"]
        if not database_file.is_file() or sha256_file(database_file) != manifest["database_sha256"]:
            raise BackupError("The archive's database file is missing or damaged (checksum).")
        for relative, digest in manifest["media"].items():
            path = workdir / MEDIA_DIR / relative
            if not path.is_file() or sha256_file(path) != digest:
                raise BackupError(f"The archive's media file {relative} is missing or damaged.")
        # Everything checked: only now is anything changed.
        _restore_database(database_file, using)
        if manifest["media"]:
            root = _media_root()
            for relative in manifest["media"]:
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(workdir / MEDIA_DIR / relative, target)
    connections[using].close()
    call_command("migrate", interactive=False, verbosity=0, database=using, stdout=stdout)
    after = model_counts(using)
    labels = sorted(set(manifest["counts"]) | set(after))
    return [(label, manifest["counts"].get(label), after.get(label)) for label in labels]


def _restore_database(database_file, using="default"):
    db = connections[using].settings_dict
    if _engine(using) == "postgresql":
        connections[using].close()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "-d"]
        _run(command + [db["NAME"]] + _pg_args(db) + [str(database_file)], env=_pg_env(db))
        return
    connections[using].ensure_connection()
    target = connections[using].connection
    with sqlite3.connect(database_file) as source:
        source.backup(target)
    source.close()
    connections[using].close()
