"""ops/cache.py: with Redis unreachable, the cache reads as empty and the rate limits fail
open (sign-ins and throttled forms go through) instead of refusing every request with 429.
A real Redis stopped under load is the fault drill's job (scripts/fault_drill.py)."""

import socket
from contextlib import contextmanager

from django.core.cache import caches
from django.test import RequestFactory

import pytest
from allauth.core import ratelimit as allauth_ratelimit
from allauth.core.internal import ratelimit as allauth_internal_ratelimit

from portal.throttles import throttle_consume


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
    # Changing CACHES makes Django drop its cache connections (django.test.signals).
    return caches["default"]


def test_reads_miss_and_writes_are_dropped(redis_down):
    assert redis_down.get("key", "default") == "default"
    assert redis_down.set("key", "value") is None
    # Granted, so that allauth's rate-limit lock does not wait and refuse.
    assert redis_down.add("lock", True) is True


def test_login_rate_limit_fails_open(redis_down, rf, monkeypatch):
    # allauth waits up to a second for its lock and refuses when it never gets it; with Redis
    # down the lock must be granted at once, which is what keeps sign-ins going through.
    locks = []
    cache_lock = allauth_internal_ratelimit.cache_lock

    @contextmanager
    def recording_lock(cache_key):
        with cache_lock(cache_key) as locked:
            locks.append(locked)
            yield locked

    monkeypatch.setattr(allauth_internal_ratelimit, "cache_lock", recording_lock)
    request = rf.post("/accounts/login/")
    assert allauth_ratelimit.consume(request, action="login_failed", key="someone@example.org")
    assert locks and all(locks)


@pytest.mark.django_db
def test_portal_throttle_fails_open(redis_down, member):
    request = RequestFactory().post("/events/some-event/register/")
    request.user = member
    assert throttle_consume(request, action="event_register") is True
