#!/usr/bin/env python
"""Upgrades cannot lose data: every app's newest migration reverses and reapplies on a copy of the
demo database, and the site's fingerprint (row counts, open data, media) is the same afterwards.

    .venv/bin/python scripts/migration_check.py                  # SQLite, temporary folder
    .venv/bin/python scripts/migration_check.py --postgres URL   # PostgreSQL (needs CREATEDB)

Steps: migrate a new database and load the demo data; take the fingerprint; for each project app,
migrate it back to its previous migration and forward again (an operation Django cannot reverse
is reported and that app skipped) and compare the fingerprint with the one before: row counts of
tables that exist on both sides, media and open data must be equal (the rows of a table that
the reversed migrations create -- its own or those of migrations depending on it -- go with the
table, and so may the open-data columns drawn from them). Check that nothing is left unapplied.
Exits 1 on any difference. Run by CI on both databases.
"""

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from restore_drill import ROOT, environment, manage, postgres_admin, with_database

# Every app of the project: a folder at the top of the tree with a migrations package.
PROJECT_APPS = sorted(path.parts[-3] for path in ROOT.glob("*/migrations/__init__.py"))


def models_created_by_undoing(plan):
    """The models whose tables a backwards plan drops ("Undo Create model X" under "app.0001_x").

    Their rows cannot survive a reversal: the table goes with the migration that created it. Only
    rows of tables that exist on both sides of the migration have to be kept."""
    created, app = set(), None
    for line in plan.splitlines():
        header = re.match(r"^(\w+)\.\d{4}_\w+$", line.strip())
        if header and not line.startswith(" "):
            app = header.group(1)
            continue
        model = re.match(r"^\s+Undo Create model (\w+)", line)
        if model and app:
            created.add(f"{app}.{model.group(1)}".lower())
    return created


def migrations_of(app):
    folder = ROOT / app / "migrations"
    if not folder.exists():
        return []
    return sorted(p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))


def changes(before, after, dropped):
    """Row counts that differ (tables a reversal drops excepted), and the open data or media."""
    changed = sorted(
        label
        for label in set(before["counts"]) | set(after["counts"])
        if label.lower() not in dropped
        and before["counts"].get(label) != after["counts"].get(label)
    )
    if before["media"] != after["media"]:
        changed.append("media")
    # Open data may show a dropped table's rows (a verification, say); otherwise it must match.
    if not dropped and before["open_data"] != after["open_data"]:
        changed.append("open data")
    return changed


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
        # migrate and the demo data in one process; a new SQLite database starts from the
        # migrated copy of an empty one when there is one for these migrations (portal/demo.py,
        # migrate_with_schema_cache: the same schema and rows, without 20-30 s of migrating).
        manage(env, "load_demo_data", "--migrate", "-v", "0")
        results, failures = [], []
        before = json.loads(manage(env, "fingerprint").stdout)
        for app in PROJECT_APPS:
            names = migrations_of(app)
            if len(names) < 2:
                results.append(
                    (app, names[-1] if names else "-", "only one migration: not reversed")
                )
                continue
            plan = manage(env, "migrate", app, names[-2], "--plan", check=False).stdout
            dropped = models_created_by_undoing(plan)
            back = manage(env, "migrate", app, names[-2], "--no-input", "-v", "0", check=False)
            if back.returncode:
                if "IrreversibleError" in back.stderr or "is not reversible" in back.stderr:
                    results.append((app, names[-1], "irreversible (Django cannot reverse it)"))
                    continue
                sys.exit(f"migrate {app} {names[-2]} failed:\n{back.stderr}")
            manage(env, "migrate", "--no-input", "-v", "0")
            after = json.loads(manage(env, "fingerprint").stdout)
            lost = changes(before, after, dropped)
            if lost:
                failures.append(f"{app} {names[-1]}: data changed by reversing it: {lost}")
            before = after
            note = (
                f"; {len(dropped)} tables it or its dependants create recreated" if dropped else ""
            )
            results.append((app, names[-1], "reversed and reapplied" + note))

        plan = manage(env, "migrate", "--plan").stdout
        for app, migration, outcome in results:
            print(f"{app:<12} {migration:<45} {outcome}")
        if "No planned migration operations" not in plan:
            failures.append(f"migrations left unapplied:\n{plan}")
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
