"""Backup archives and the restore's refusals. The full round trip (back up, drop, restore,
compare counts and checksums) is the restore drill, scripts/restore_drill.py, run by CI on
SQLite and PostgreSQL; these tests cover what the drill cannot: every refusal changes nothing."""

import io
import json
import tarfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

import pytest

from ops.backup import (
    BackupError,
    applied_migrations,
    create_backup,
    model_counts,
    read_manifest,
    restore_backup,
    sha256_file,
)


@pytest.fixture
def media_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("documents/report.txt", ContentFile(b"yearly report"))
    yield name
    default_storage.delete(name)


def write_archive(path, manifest, files):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **files}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest_for(db_bytes, **overrides):
    import hashlib

    from django.db import connection

    manifest = {
        "format": 1,
        "engine": connection.vendor,
        "database_file": "database.sqlite3" if connection.vendor == "sqlite" else "database.dump",
        "database_sha256": hashlib.sha256(db_bytes).hexdigest(),
        "migrations": applied_migrations(),
        "counts": {},
        "media": {},
    }
    manifest.update(overrides)
    return manifest


# Outside a test transaction: SQLite's backup API waits for the writer's lock to be released.
@pytest.mark.django_db(transaction=True)
def test_backup_writes_database_media_and_a_manifest_that_checks_out(tmp_path, media_file, member):
    result = create_backup(tmp_path / "backups")

    assert result.path.name.startswith("articula-backup-")
    assert result.path.name.endswith(".tar.gz")
    manifest = read_manifest(result.path)
    assert manifest["counts"] == model_counts()
    assert manifest["counts"]["accounts.User"] == 1
    assert manifest["migrations"]["registry"][0] == "0001_initial"
    assert manifest["app_version"]
    assert list(manifest["media"]) == [media_file]
    with tarfile.open(result.path) as tar:
        names = set(tar.getnames())
        extracted = tmp_path / "x"
        tar.extractall(extracted, filter="data")
    assert {"manifest.json", manifest["database_file"], f"media/{media_file}"} <= names
    assert sha256_file(extracted / manifest["database_file"]) == manifest["database_sha256"]
    assert (extracted / "media" / media_file).read_bytes() == b"yearly report"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_content_and_changes_nothing(tmp_path, member):
    archive = create_backup(tmp_path).path
    before = model_counts()

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive))

    assert model_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"", b"not an archive at all", b"\x1f\x8b\x08\x00garbage"],
    ids=["empty", "text", "broken-gzip"],
)
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, content):
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(content)

    with pytest.raises(CommandError, match="is not an Articula backup"):
        call_command("restore", str(path), replace=True)


@pytest.mark.django_db
def test_restore_refuses_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))


@pytest.mark.django_db
def test_restore_refuses_an_archive_from_a_newer_version(tmp_path):
    migrations = applied_migrations()
    migrations["registry"] = [*migrations["registry"], "0999_from_the_future"]
    path = write_archive(
        tmp_path / "a.tar.gz", manifest_for(b"db", migrations=migrations), {"x": b"db"}
    )

    with pytest.raises(BackupError, match=r"newer version.*registry\.0999_from_the_future"):
        restore_backup(path, replace=True)


@pytest.mark.django_db
def test_restore_refuses_an_archive_of_another_engine(tmp_path):
    from django.db import connection

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = write_archive(tmp_path / "a.tar.gz", manifest_for(b"db", engine=other), {})

    with pytest.raises(BackupError, match=f"holds a {other} database"):
        restore_backup(path, replace=True)


@pytest.mark.django_db
def test_restore_refuses_a_damaged_database_file_before_touching_anything(tmp_path, member):
    manifest = manifest_for(b"the real dump")
    path = write_archive(
        tmp_path / "a.tar.gz", manifest, {manifest["database_file"]: b"tampered dump"}
    )
    before = model_counts()

    with pytest.raises(BackupError, match="missing or damaged"):
        restore_backup(path, replace=True)

    assert model_counts() == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_truncated_archive(tmp_path, member):
    archive = create_backup(tmp_path / "b").path
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    before = model_counts()

    with pytest.raises(BackupError):
        restore_backup(truncated, replace=True)

    assert model_counts() == before


@pytest.mark.django_db
def test_restore_refuses_members_outside_the_archive(tmp_path):
    manifest = manifest_for(b"db")
    path = write_archive(
        tmp_path / "a.tar.gz",
        manifest,
        {"../../escaped.txt": b"x", manifest["database_file"]: b"db"},
    )

    with pytest.raises(BackupError, match="outside the archive"):
        restore_backup(path, replace=True)
    assert not (tmp_path.parent / "escaped.txt").exists()
