"""One migration per test run: under pytest-xdist, the first worker migrates its test database
and the others start from a copy of it.

Migrating 250-odd migrations from nothing costs each worker 20-40 s of CPU (nearly all of it
Django rebuilding model states), and gives the same schema and rows every time. With this
plugin the first worker to get the lock migrates as Django always does, then keeps a copy:
an SQLite file (from the in-memory database, with SQLite's backup API) or a PostgreSQL template
database (``CREATE DATABASE ... TEMPLATE``, Django's own ``TEST["TEMPLATE"]``). The other
workers wait on the lock, start from that copy, and still run ``migrate`` (a no-op on the copy,
but for its post-migrate signals), serialize the database for serialized rollback and create
the cache table, exactly as Django's ``create_test_db`` does. The copy belongs to this run
(named after xdist's run id) and the controller removes it at the end.

Off with one process (``-n 0``) and with ``--reuse-db`` (the database is kept anyway)."""

import fcntl
import os
import sqlite3
import tempfile
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

RUN = "PYTEST_XDIST_TESTRUNUID"


def _base(run, alias):
    return Path(tempfile.gettempdir()) / f"articula-testdb-{run}-{alias}"


def _template_name(alias, run):
    # Not from the database's NAME: create_test_db changes it to the test database's.
    return f"test_template_{alias}_{run[:20]}"


@contextmanager
def _locked(path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _in_memory_sqlite(creation):
    connection = creation.connection
    return connection.vendor == "sqlite" and creation.is_in_memory_db(creation._get_test_db_name())


def _supported(creation):
    return _in_memory_sqlite(creation) or creation.connection.vendor == "postgresql"


def _install(run):
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb or not _supported(self):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        base = _base(run, self.connection.alias)
        ready = base.with_suffix(".ready")
        with _locked(base.with_suffix(".lock")):
            if not ready.exists():
                name = original(self, verbosity, autoclobber, serialize, keepdb)
                _keep_copy(self, base, run)
                ready.touch()
                return name
            return _create_from_copy(self, original, base, run, verbosity, autoclobber, serialize)

    BaseDatabaseCreation.create_test_db = create_test_db


def _keep_copy(creation, base, run):
    connection = creation.connection
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        partial = base.with_suffix(".partial")
        with closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        partial.replace(base.with_suffix(".sqlite3"))
        return
    # CREATE DATABASE ... TEMPLATE needs nobody connected to the source database.
    source = connection.settings_dict["NAME"]
    connection.close()
    connection.close_pool()
    with creation._nodb_cursor() as cursor:
        cursor.execute(
            f"CREATE DATABASE {creation._quote_name(_template_name(connection.alias, run))}"
            f" TEMPLATE {creation._quote_name(source)}"
        )


def _create_from_copy(creation, original, base, run, verbosity, autoclobber, serialize):
    connection = creation.connection
    if connection.vendor == "sqlite":
        # The shared in-memory database lives while a connection to it is open: this one holds
        # it until Django's own connection (opened by migrate) has it too.
        holder = sqlite3.connect(creation._get_test_db_name(), uri=True)
        try:
            with closing(sqlite3.connect(base.with_suffix(".sqlite3"))) as source:
                source.backup(holder)
            return original(creation, verbosity, autoclobber, serialize, False)
        finally:
            holder.close()
    test = connection.settings_dict["TEST"]
    previous = test.get("TEMPLATE")
    test["TEMPLATE"] = _template_name(connection.alias, run)
    try:
        return original(creation, verbosity, autoclobber, serialize, False)
    finally:
        test["TEMPLATE"] = previous


def pytest_configure(config):
    workers = os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    if os.environ.get(RUN) and workers and int(workers) > 1:
        _install(os.environ[RUN])
    elif not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        # The controller: name the run, so that it can remove the copies at the end.
        if not getattr(config.option, "testrunuid", None):
            config.option.testrunuid = uuid.uuid4().hex
        config._articula_run = config.option.testrunuid


def pytest_unconfigure(config):
    run = getattr(config, "_articula_run", None)
    if run is None:
        return
    from django.conf import settings
    from django.db import connections

    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        _remove_copies(run, settings, connections)


def _remove_copies(run, settings, connections):
    for alias in settings.DATABASES:
        base = _base(run, alias)
        for suffix in (".sqlite3", ".partial", ".ready", ".lock"):
            base.with_suffix(suffix).unlink(missing_ok=True)
        connection = connections[alias]
        if connection.vendor == "postgresql":
            creation = connection.creation
            template = _template_name(connection.alias, run)
            with creation._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {creation._quote_name(template)}")
