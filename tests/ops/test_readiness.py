"""/readyz: 200 when the database, the cache and the task queue answer, 503 naming the one that
does not, without the error's text (it may hold host names or passwords)."""

from unittest import mock

from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection
from django.test import override_settings

import pytest
from django_tasks import task

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SECRET_TEXT = "cache.internal.example:6379 password=hunter2"


@task()
def noop():
    """Enqueued by the tests, never run."""


class BrokenCache(BaseCache):
    """A cache server that cannot be reached."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        raise ConnectionError(SECRET_TEXT)

    def set(self, key, value, timeout=None, version=None):
        raise ConnectionError(SECRET_TEXT)

    def delete(self, key, version=None):
        raise ConnectionError(SECRET_TEXT)


def test_ready_when_everything_answers(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "tasks"}
    assert all(check["ok"] for check in body["checks"].values())
    assert all(isinstance(check["ms"], float) for check in body["checks"].values())
    # The test settings run tasks in the request: there is no queue to look at.
    assert body["checks"]["tasks"]["backend"] == "immediate"


def test_head_is_allowed_and_writes_are_not(client):
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405


def test_unavailable_when_the_database_is_down(client):
    refused = OperationalError('connection to server at "db.internal.example" failed')
    with mock.patch.object(connection, "cursor", side_effect=refused):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert body["checks"]["cache"]["ok"] is True
    assert b"db.internal" not in response.content


@override_settings(CACHES={"default": {"BACKEND": "tests.ops.test_readiness.BrokenCache"}})
def test_unavailable_when_the_cache_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["ok"] is True
    assert b"hunter2" not in response.content
    assert b"cache.internal" not in response.content


@override_settings(TASKS=DATABASE_TASKS)
def test_database_task_queue_reports_its_backlog(client, django_assert_max_num_queries):
    body = client.get("/readyz").json()
    assert body["checks"]["tasks"]["backlog"] == 0
    assert body["checks"]["tasks"]["oldest_age_s"] is None

    noop.enqueue()
    with django_assert_max_num_queries(2):
        response = client.get("/readyz")
    assert response.status_code == 200
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is True
    assert tasks["backend"] == "database"
    assert tasks["backlog"] == 1
    assert tasks["oldest_age_s"] >= 0


@override_settings(TASKS=DATABASE_TASKS)
def test_unavailable_when_the_task_table_is_unreachable(client):
    from django_tasks_db.models import DBTaskResult

    with mock.patch.object(
        DBTaskResult.objects, "filter", side_effect=OperationalError("no such table")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is False
    assert tasks["error"] == "OperationalError"
    assert response.json()["checks"]["database"]["ok"] is True
