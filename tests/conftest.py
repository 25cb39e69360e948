"""Shared fixtures. Apps add their own in tests/<app>/conftest.py."""

import os
import random

from django.core.cache import cache
from django.utils import translation

import pytest

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

# The security suite's data fixtures (``matrix_data``), registered here so that pytest rewrites
# their assertions before any test module imports them. tests/worker_databases.py: under
# pytest-xdist one worker migrates and the others start from a copy of its test database.
pytest_plugins = ["tests.security.fixtures", "tests.worker_databases"]

# Playwright's sync API runs an event loop in the test thread; Django must still be allowed to
# touch the database from it (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def _django_connections(django_db_blocker):
    """The test thread's database connections, taken before Playwright starts."""
    from django.db import connections

    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_django_connections, playwright):
    """pytest-playwright's ``playwright``, keeping Django on the same connection objects.

    Once Playwright's sync API runs its event loop in the test thread, Django (whose
    connections are thread-critical asgiref locals) would look them up in a second, per-context
    storage and open new connection objects there. Those lack what ``django_db_setup``
    recorded on the first ones (``_test_serialized_contents``), so serialized rollback stopped
    restoring the migrated data after the first browser test. The same objects are put back
    in the storage Django now reads."""
    from django.db import connections

    for alias, connection in _django_connections.items():
        connections[alias] = connection
    return playwright


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache: every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    # A request to /es/ or /pt/ through the test client leaves that language active in the
    # thread (LocaleMiddleware does not deactivate it), so a later test's reverse() or gettext
    # would speak Portuguese: every test starts and ends in the default language.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def make_user(db):
    """``make_user(username="ana", verified=True, groups=["Moderators"], is_superuser=False)``"""

    def make(**kwargs):
        return UserFactory(**kwargs)

    return make


@pytest.fixture
def member(make_user):
    return make_user(username="member1", groups=["Members"])


@pytest.fixture
def other_member(make_user):
    return make_user(username="member2", groups=["Members"])


@pytest.fixture
def unverified_user(make_user):
    return make_user(username="unverified", verified=False, groups=["Members"])


@pytest.fixture
def moderator(make_user):
    return make_user(username="moderator1", groups=["Moderators"])


@pytest.fixture
def admin_user(make_user):
    return make_user(username="admin1", is_superuser=True, is_staff=True)


@pytest.fixture
def home_page(db):
    from portal.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


def pytest_addoption(parser):
    parser.addoption(
        "--shuffle-seed",
        type=int,
        default=None,
        help="Run the tests in a random order drawn from this seed (pytest-django then groups "
        "them as Django does: database tests, transactional tests, the rest).",
    )


@pytest.hookimpl(wrapper=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_shuffled(config, items):
    """``--shuffle-seed N`` shuffles the collected tests before any other plugin orders them,
    so that a test that depends on an earlier one shows up (pytest-django's grouping is a
    stable sort: it keeps the shuffled order inside each group)."""
    seed = config.getoption("shuffle_seed")
    if seed is not None:
        random.Random(seed).shuffle(items)
    return (yield)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_transactional_last(items):
    """Database tests, then transactional ones, then the rest, as pytest-django orders them.

    pytest-django sorts first, but pytest's own fixture reordering runs after it and pulls
    together the tests that share a session-scoped parameter (pytest-playwright's
    ``[chromium]``), which put browser tests (transactional: they empty the database when
    they end) in the middle of the database tests; on the same xdist worker, the next
    database tests then found no migrated data. This stable sort runs last."""

    def order(item):
        marker = item.get_closest_marker("django_db")
        kwargs = _django_db_kwargs(item) if marker else {}
        fixtures = item.fixturenames
        if kwargs.get("transaction") or kwargs.get("reset_sequences"):
            return 1
        if "transactional_db" in fixtures or "live_server" in fixtures:
            return 1
        if marker is not None or "db" in fixtures:
            return 0
        return 2

    items.sort(key=order)


def pytest_report_header(config):
    seed = config.getoption("shuffle_seed")
    return f"shuffle seed: {seed}" if seed is not None else None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_keepdb):
    """``--reuse-db`` keeps the migrated test database between runs. Django's SQLite test
    database lives in memory and dies with the run, so with ``--reuse-db`` it goes to a file
    next to the development database instead (``db.sqlite3.test``, one per xdist worker:
    ``db.sqlite3.test_gw0``...; ``--create-db`` builds it again)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if (
        django_db_keepdb
        and database["ENGINE"] == "django.db.backends.sqlite3"
        and not database.get("TEST", {}).get("NAME")
    ):
        database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}.test"
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """A kept database (``--reuse-db``) is left as the migrations made it: a transactional
    test empties the database when it ends, and the next run would otherwise start from that
    empty database (its migrations are all applied, so nothing recreates their data)."""
    yield
    if not django_db_keepdb:
        return
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush",
                    database=connection.alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                connection.creation.deserialize_db_from_string(contents)


DJANGO_DB_ARGUMENTS = ("transaction", "reset_sequences", "databases", "serialized_rollback")


def _django_db_kwargs(item):
    """The arguments of the test's ``django_db`` marker, by name ({} without one)."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return {}
    return {**dict(zip(DJANGO_DB_ARGUMENTS, marker.args, strict=False)), **marker.kwargs}


def pytest_collection_modifyitems(config, items):
    """Every transactional test (``transaction=True``, ``live_server``: browser, concurrency and
    backup tests) gets pytest-django's serialized rollback: its database is emptied after the
    test, and Django reloads what the migrations created (locales, the home page and site,
    groups and permissions, every app's seeded vocabularies) before the next transactional
    test. Tests that run inside a transaction (``db``) need nothing: pytest-django runs them
    all before the transactional ones, as Django's own runner does."""
    for item in items:
        kwargs = _django_db_kwargs(item)
        fixtures = item.fixturenames
        if kwargs.get("transaction") or "transactional_db" in fixtures or "live_server" in fixtures:
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
