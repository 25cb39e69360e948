"""Startup benchmark: seconds from ``make run`` to the first 200 on http://127.0.0.1:PORT/.

    .venv/bin/python bench/bench_startup.py                  # this (installed) checkout
    .venv/bin/python bench/bench_startup.py --fresh-clone    # also a fresh `git clone`

- Installed checkout: ``make run`` in this directory with a fresh database (DATABASE_URL set
  to a new SQLite file under /tmp: the settings honour it, so ``db.sqlite3`` is not touched).
  ``make run`` compiles the translations, migrates, loads the demo data and starts
  ``runserver``; the clock stops at the first 200 on ``/``. The ``.venv`` stamp is taken as up
  to date (``make -o .venv/.installed``): in an installed checkout it is, and a worktree that
  shares its ``.venv`` must not reinstall it. Twice: first with no migrated copy of the schema
  (``load_demo_data --migrate`` migrates from nothing and keeps one), then starting from that
  copy, as every later new database of the checkout does (both in a temporary
  ``ARTICULA_SCHEMA_CACHE``, so the checkout's own .cache/migrated plays no part).
- ``--fresh-clone``: ``git clone`` of this repository's HEAD into /tmp, then ``make run`` there
  on another port: the first run of a new checkout, creating ``.venv`` and installing the
  locked requirements from PyPI (network) before the same steps. With ``--shared-venv`` the
  clone gets a symlink to this checkout's ``.venv`` instead (its stamp taken as up to date, as
  above): everything of a first run but the download and install.
Each server is stopped (its process group) as soon as it has answered. Issue 13's target:
within 60 s on an installed checkout, demo data included. Results are also written to
``--json`` (default test-artifacts/bench-startup.json).
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import free_port  # noqa: E402

TARGET_SECONDS = 60


def time_make_run(checkout, *, port, timeout, log_path, make_args=(), env_extra=None):
    """Seconds from starting ``make run`` in ``checkout`` until ``/`` answers 200, and the
    seconds at which ``make`` reached the server step (its "Serving Articula" line)."""
    database = Path(tempfile.mkdtemp(prefix="articula-startup-")) / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", **(env_extra or {})}
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_PAGE_CACHE", "VIRTUAL_ENV"):
        env.pop(name, None)
    marks = {}
    started = time.monotonic()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", *make_args, "run", f"PORT={port}"],
            cwd=checkout,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: make, manage.py, runserver
        )

        def follow():
            for line in process.stdout:
                log.write(line)
                now = time.monotonic() - started
                if "Loading demo" in line and "demo_data" not in marks:
                    marks["demo_data"] = now  # migrations done, demo data starts
                if "Serving Articula" in line and "serving" not in marks:
                    marks["serving"] = now

        reader = threading.Thread(target=follow, daemon=True)
        reader.start()
        try:
            url = f"http://127.0.0.1:{port}/"
            while time.monotonic() - started < timeout:
                if process.poll() is not None:
                    raise RuntimeError(f"make run exited with {process.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                        if response.status == 200:
                            marks["first_200"] = time.monotonic() - started
                            break
                except (urllib.error.URLError, OSError):
                    time.sleep(0.25)
            else:
                raise RuntimeError(f"no 200 on {url} within {timeout} s; see {log_path}")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            reader.join(timeout=5)
            shutil.rmtree(database.parent, ignore_errors=True)
    return marks


def describe(marks):
    nan = float("nan")
    return (
        f"first 200 after {marks['first_200']:.1f} s (migrations done at "
        f"{marks.get('demo_data', nan):.1f} s, server started at {marks.get('serving', nan):.1f} s)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh-clone", action="store_true")
    parser.add_argument("--shared-venv", action="store_true")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--json", default=str(ROOT / "test-artifacts" / "bench-startup.json"))
    args = parser.parse_args()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    results = {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")}

    # The migrated-schema copy (`load_demo_data --migrate`, .cache/migrated): a first run
    # without one (it migrates from nothing and keeps a copy), then a run that starts from it.
    # Both in a temporary cache directory, so the checkout's own cache plays no part.
    schema_cache = Path(tempfile.mkdtemp(prefix="articula-schema-cache-"))
    try:
        for key, label in (
            ("installed_cold", "installed checkout, no migrated copy yet"),
            ("installed", "installed checkout"),
        ):
            print(f"make run, {label}, fresh database…", flush=True)
            marks = time_make_run(
                ROOT,
                port=free_port(),
                timeout=args.timeout,
                log_path=artifacts / f"bench-startup-{key.replace('_', '-')}.log",
                make_args=("-o", ".venv/.installed"),
                env_extra={"ARTICULA_SCHEMA_CACHE": str(schema_cache)},
            )
            results[key] = marks
            verdict = "ok" if marks["first_200"] <= TARGET_SECONDS else f"over {TARGET_SECONDS} s"
            print(f"  {label}: {describe(marks)}: {verdict}")
    finally:
        shutil.rmtree(schema_cache, ignore_errors=True)

    if args.fresh_clone:
        clone = Path(tempfile.mkdtemp(prefix="articula-clone-")) / "articula"
        try:
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            make_args = ()
            if args.shared_venv:
                (clone / ".venv").symlink_to((ROOT / ".venv").resolve())
                make_args = ("-o", ".venv/.installed")
            print(f"make run, fresh clone in {clone} (creates .venv, installs)…", flush=True)
            marks = time_make_run(
                clone,
                port=free_port(),
                timeout=args.timeout,
                log_path=artifacts / "bench-startup-fresh-clone.log",
                make_args=make_args,
            )
            results["fresh_clone"] = marks
            print(f"  fresh clone: {describe(marks)}")
        finally:
            shutil.rmtree(clone.parent, ignore_errors=True)

    results["load_average"] = [round(value, 1) for value in os.getloadavg()]
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
