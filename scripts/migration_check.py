#!/usr/bin/env python
"""Upgrades cannot lose data: every app's newest migration reverses and reapplies on a copy of the
demo database, and the site's fingerprint (row counts, open data, media) is the same afterwards.

    .venv/bin/python scripts/migration_check.py                  # SQLite, temporary folder
    .venv/bin/python scripts/migration_check.py --postgres URL   # PostgreSQL (needs CREATEDB)

Steps: migrate a new database and load the demo data; take the fingerprint; for each project app,
migrate it back to its previous migration and forward again (an operation Django cannot reverse
is reported and that app skipped); check that nothing is left unapplied and that the fingerprint
is unchanged. Exits 1 on any difference. Run by CI on both databases.
"""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from restore_drill import ROOT, environment, manage, postgres_admin, with_database

PROJECT_APPS = ["accounts", "portal", "registry", "community", "knowledge", "events", "ops"]


def migrations_of(app):
    folder = ROOT / app / "migrations"
    if not folder.exists():
        return []
    return sorted(p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL; without it SQLite is used")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="articula-migrations-"))
    name = "articula_migration_check"
    admin = None
    try:
        if args.postgres:
            admin = postgres_admin(args.postgres)
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
            url = with_database(args.postgres, name)
        else:
            url = f"sqlite:///{tmp / 'check.sqlite3'}"
        env = environment(url, tmp / "media")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo_data", "-v", "0")
        before = json.loads(manage(env, "fingerprint").stdout)

        results = []
        for app in PROJECT_APPS:
            names = migrations_of(app)
            if len(names) < 2:
                results.append(
                    (app, names[-1] if names else "-", "only one migration: not reversed")
                )
                continue
            back = manage(env, "migrate", app, names[-2], "--no-input", "-v", "0", check=False)
            if back.returncode:
                if "IrreversibleError" in back.stderr or "is not reversible" in back.stderr:
                    results.append((app, names[-1], "irreversible (Django cannot reverse it)"))
                    continue
                sys.exit(f"migrate {app} {names[-2]} failed:\n{back.stderr}")
            manage(env, "migrate", "--no-input", "-v", "0")
            results.append((app, names[-1], "reversed and reapplied"))

        plan = manage(env, "migrate", "--plan").stdout
        after = json.loads(manage(env, "fingerprint").stdout)
        for app, migration, outcome in results:
            print(f"{app:<10} {migration:<45} {outcome}")
        failures = []
        if "No planned migration operations" not in plan:
            failures.append(f"migrations left unapplied:\n{plan}")
        if before != after:
            changed = sorted(
                label
                for label in set(before["counts"]) | set(after["counts"])
                if before["counts"].get(label) != after["counts"].get(label)
            )
            failures.append(
                f"data changed by reversing and reapplying: {changed or 'open data/media'}"
            )
        if failures:
            sys.exit("MIGRATION CHECK FAILED: " + "; ".join(failures))
        print(
            "MIGRATION CHECK PASSED: every newest migration reverses and reapplies; no data lost."
        )
    finally:
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
