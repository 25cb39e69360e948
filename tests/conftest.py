"""Shared fixtures. Apps add their own in tests/<app>/conftest.py."""

import os

from django.core.cache import cache
from django.utils import translation

import pytest

from accounts.factories import DEFAULT_PASSWORD, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must still be allowed to
# touch the database from it (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


# What the migrations put in the fresh test database (locales, the home page and site, the
# groups and their permissions, every app's seeded vocabularies), saved once per session so
# that transactional tests (browser tests), whose database is emptied after each test, can
# get it back: see ``restore_migrated_data`` and tests/e2e/conftest.py.
MIGRATED_DATA = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    with django_db_blocker.unblock():
        path = tmp_path_factory.mktemp("migrated-data") / "data.json"
        path.write_text(connection.creation.serialize_db_to_string())
    MIGRATED_DATA["path"] = path


@pytest.fixture
def restore_migrated_data(transactional_db):
    """For ``transaction=True`` tests: empty the database and load what the migrations created,
    so the test starts from a freshly migrated site (home page, locales, groups...). Request it
    before any fixture that creates data (it empties the database first)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    call_command("loaddata", str(MIGRATED_DATA["path"]), verbosity=0)
    cache.clear()
    # Content types were reloaded: ids cached before the flush may point at other rows.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _migrated_data_for_transactional_tests(request):
    """Every ``transaction=True`` test (browser tests, concurrency tests) starts from a freshly
    migrated database: an earlier transactional test may have emptied it."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactional or "live_server" in request.fixturenames:
        request.getfixturevalue("restore_migrated_data")
