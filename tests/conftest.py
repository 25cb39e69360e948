"""Shared fixtures. Apps add their own in tests/<app>/conftest.py."""

import os

from django.core.cache import cache

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
