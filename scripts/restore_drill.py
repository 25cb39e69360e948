#!/usr/bin/env python
"""Restore drill: prove that a backup restores the whole site.

    .venv/bin/python scripts/restore_drill.py                       # SQLite, in a temporary folder
    .venv/bin/python scripts/restore_drill.py --postgres URL        # PostgreSQL (URL of any database
                                                                    # the user can connect to; it
                                                                    # needs CREATEDB)

Steps: migrate a new database and load the demo data, take its fingerprint (`manage.py
fingerprint`: row counts per model, SHA-256 of each open-data download and of every media file),
back it up, drop the database and its media, restore the archive into a fresh database and media
folder, take the fingerprint again and compare. Then check that the restore refuses a non-empty
database and a damaged archive, changing nothing. Prints the counts side by side and the
checksums; exits 1 on any difference. Used by tests/ops/test_restore_drill.py and CI.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(env, *args, check=True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def environment(database_url, media_root):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DJANGO_DEBUG="true",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
    )
    return env


def postgres_admin(url):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL; without it the drill uses SQLite")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="articula-drill-"))
    try:
        if args.postgres:
            admin = postgres_admin(args.postgres)
            names = ("articula_drill_source", "articula_drill_restored")
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
            source_url, target_url = (with_database(args.postgres, n) for n in names)
        else:
            source_url = f"sqlite:///{tmp / 'source.sqlite3'}"
            target_url = f"sqlite:///{tmp / 'restored.sqlite3'}"
        source = environment(source_url, tmp / "media-source")
        target = environment(target_url, tmp / "media-restored")

        # migrate and the demo data in one process; a new SQLite database starts from the
        # migrated copy of an empty one when there is one for these migrations (portal/demo.py,
        # migrate_with_schema_cache: the same schema and rows, without 20-30 s of migrating).
        manage(source, "load_demo_data", "--migrate", "-v", "0")
        before = json.loads(manage(source, "fingerprint").stdout)
        output = manage(source, "backup", str(tmp / "backups")).stdout.strip()
        archive = next((tmp / "backups").glob("articula-backup-*.tar.gz"))
        print(f"backup: {output}")

        # The disaster: the database and the media are gone.
        if args.postgres:
            admin.execute('DROP DATABASE "articula_drill_source" WITH (FORCE)')
        else:
            (tmp / "source.sqlite3").unlink()
        shutil.rmtree(tmp / "media-source")

        manage(target, "restore", str(archive))
        after = json.loads(manage(target, "fingerprint").stdout)

        # Refusals change nothing: a non-empty database, then a damaged archive.
        refused = manage(target, "restore", str(archive), check=False)
        damaged = tmp / "damaged.tar.gz"
        damaged.write_bytes(archive.read_bytes()[:2000])
        broken = manage(target, "restore", "--replace", str(damaged), check=False)
        unchanged = json.loads(manage(target, "fingerprint").stdout)

        report(before, after)
        failures = []
        if before != after:
            failures.append("the restored site differs from the original")
        if refused.returncode == 0 or "not empty" not in refused.stderr:
            failures.append(
                f"a restore over a non-empty database was not refused: {refused.stderr}"
            )
        if broken.returncode == 0:
            failures.append("a damaged archive was not refused")
        if unchanged != after:
            failures.append("a refused restore changed the site")
        print(f"refused (non-empty database): {refused.stderr.strip().splitlines()[-1]}")
        print(f"refused (damaged archive): {broken.stderr.strip().splitlines()[-1]}")
        if failures:
            sys.exit("DRILL FAILED: " + "; ".join(failures))
        print("DRILL PASSED: counts, open data and media are equal after the restore.")
    finally:
        if args.postgres:
            for name in ("articula_drill_source", "articula_drill_restored"):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        shutil.rmtree(tmp, ignore_errors=True)


def report(before, after):
    labels = sorted(set(before["counts"]) | set(after["counts"]))
    nonzero = [
        label for label in labels if before["counts"].get(label) or after["counts"].get(label)
    ]
    width = max(len(label) for label in nonzero)
    print(f"{'model':<{width}}  {'before':>7}  {'after':>7}")
    for label in nonzero:
        b, a = before["counts"].get(label), after["counts"].get(label)
        print(f"{label:<{width}}  {b!s:>7}  {a!s:>7}{'' if a == b else '  DIFFERS'}")
    print(f"({len(labels) - len(nonzero)} more models with 0 rows on both sides)")
    for path, entry in before["open_data"].items():
        other = after["open_data"].get(path, {})
        print(f"{path}: {entry['sha256']} -> {other.get('sha256')}")
    same = sum(1 for name, digest in before["media"].items() if after["media"].get(name) == digest)
    print(f"media files: {len(before['media'])} before, {len(after['media'])} after, {same} equal")


if __name__ == "__main__":
    main()
