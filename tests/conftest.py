import os

from django.core.cache import cache

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still be allowed to
# touch the database from it (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate-limit counters live in the cache: every test starts with none.
    cache.clear()
    yield
    cache.clear()
