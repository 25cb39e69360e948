"""A database outage answers the 503 page (ops/outage.py), and the Redis settings tolerate a
dead Redis (portal/settings/base.py). The same under load, with a real PostgreSQL restart and
a real Redis stop, is the fault drill: scripts/fault_drill.py, run by CI."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.db.utils import InterfaceError, OperationalError
from django.test import Client, RequestFactory

import pytest

from ops.outage import is_database_outage, service_unavailable

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def anonymous():
    # The default test client re-raises the view's exception; a browser gets the response.
    return Client(raise_request_exception=False)


def assert_outage_page(response, *, heading):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert heading in body
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "connection refused" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_error_in_a_view_answers_503(anonymous, error):
    with mock.patch("portal.views.render", side_effect=error("connection refused")):
        response = anonymous.get("/robots.txt")
    assert_outage_page(response, heading="temporarily unavailable")


@pytest.mark.django_db
def test_503_page_is_translated(anonymous):
    with mock.patch("portal.views.render", side_effect=OperationalError("connection refused")):
        spanish = anonymous.get("/es/robots.txt", HTTP_ACCEPT_LANGUAGE="es")
        portuguese = anonymous.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="pt")
    assert_outage_page(spanish, heading="temporalmente no disponible")
    assert 'lang="es"' in spanish.content.decode()
    assert_outage_page(portuguese, heading="temporariamente indisponível")


@pytest.mark.django_db
def test_session_store_failing_answers_503(anonymous, member):
    """The session is read by middleware (authentication), not by the view: the database
    going away there must give the same 503, not the 500 page."""
    anonymous.force_login(member)
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore._get_session_from_db",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        response = anonymous.get("/accounts/login/")
    assert_outage_page(response, heading="temporarily unavailable")


@pytest.mark.django_db
def test_503_page_is_allowed_by_the_content_security_policy(anonymous):
    from portal.security_headers import style_hashes

    with mock.patch("portal.views.render", side_effect=OperationalError("gone")):
        response = anonymous.get("/robots.txt")
    policy = response["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    for source in style_hashes(response.content.decode()):
        assert source in style_src


@pytest.mark.django_db
def test_other_errors_stay_500(anonymous):
    with mock.patch("portal.views.render", side_effect=ValueError("a bug")):
        response = anonymous.get("/robots.txt")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_503_page_does_not_touch_the_database():
    # No django_db mark: pytest-django makes any database access here an error.
    request = RequestFactory().get("/pt/events/", HTTP_ACCEPT_LANGUAGE="pt")
    response = service_unavailable(request)
    assert_outage_page(response, heading="temporariamente indisponível")


def test_is_database_outage():
    assert is_database_outage(OperationalError("server closed the connection unexpectedly"))
    assert is_database_outage(InterfaceError("connection already closed"))
    assert not is_database_outage(ValueError("x"))
    assert not is_database_outage(None)


def settings_under(env, names):
    """Import portal.settings.production in a fresh interpreter with ``env``: settings are
    computed once, at import."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}, default=str))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "settings-test",
            "DJANGO_ALLOWED_HOSTS": "example.org",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_redis_settings_tolerate_a_dead_redis():
    names = ["CACHES", "SESSION_ENGINE", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    values = settings_under({"REDIS_URL": "redis://127.0.0.1:6390/0"}, names)
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "ops.cache.RedisCache"
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert 0 < cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert 0 < cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert values["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"] is True
    # Sessions are written to the database; Redis only speeds reading them up.
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_sessions_stay_in_the_database():
    values = settings_under({}, ["CACHES", "SESSION_ENGINE", "DATABASES"])
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert "redis" not in values["CACHES"]["default"]["BACKEND"].lower()
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
