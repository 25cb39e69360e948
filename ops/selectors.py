"""What the task worker has to do and what went wrong, read from django_tasks_db's table. Only
the database backend keeps a queue: with the immediate backend tasks run inside the request
that enqueues them, and there is nothing to read."""

import dataclasses
import datetime

from django.db.models import Count, Min
from django.utils import timezone

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def task_backend_kind(alias=DEFAULT_TASK_BACKEND_ALIAS):
    """``"database"`` for django_tasks_db's backend, ``"immediate"`` for the in-request one,
    else the backend's class name."""
    backend = task_backends[alias]
    if isinstance(backend, DatabaseBackend):
        return "database"
    name = type(backend).__name__
    return name.removesuffix("Backend").lower() or name


def task_results(alias=DEFAULT_TASK_BACKEND_ALIAS):
    return DBTaskResult.objects.filter(backend_name=alias)


@dataclasses.dataclass(frozen=True)
class Backlog:
    #: Tasks waiting for a worker (READY, and due: a deferred task counts from its run_after).
    ready: int
    oldest_enqueued_at: datetime.datetime | None

    @property
    def oldest_age(self):
        if self.oldest_enqueued_at is None:
            return None
        return timezone.now() - self.oldest_enqueued_at


def task_backlog(alias=DEFAULT_TASK_BACKEND_ALIAS):
    values = task_results(alias).ready().aggregate(ready=Count("pk"), oldest=Min("enqueued_at"))
    return Backlog(ready=values["ready"], oldest_enqueued_at=values["oldest"])


def task_status_counts(alias=DEFAULT_TASK_BACKEND_ALIAS):
    """``{"READY": 3, "RUNNING": 0, "SUCCESSFUL": 120, "FAILED": 1}``: every status, zeros
    included."""
    counts = dict.fromkeys(TaskResultStatus.values, 0)
    rows = task_results(alias).order_by().values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts


@dataclasses.dataclass(frozen=True)
class FailedTask:
    task_path: str
    enqueued_at: datetime.datetime
    finished_at: datetime.datetime | None
    exception_class: str
    message: str


def _exception_message(traceback, exception_class):
    """The last line of the traceback (``smtplib.SMTPException: Connection refused``) without
    the class name that the table shows in its own column."""
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    last = lines[-1].strip()
    for prefix in (exception_class, exception_class.rsplit(".", 1)[-1]):
        if prefix and last.startswith(prefix + ":"):
            return last[len(prefix) + 1 :].strip()
        if last == prefix:
            return ""
    return last


def failed_task_list(alias=DEFAULT_TASK_BACKEND_ALIAS, *, limit=20):
    results = task_results(alias).failed().order_by("-finished_at", "-enqueued_at")[:limit]
    return [
        FailedTask(
            task_path=result.task_path,
            enqueued_at=result.enqueued_at,
            finished_at=result.finished_at,
            exception_class=result.exception_class_path,
            message=_exception_message(result.traceback, result.exception_class_path),
        )
        for result in results
    ]


def failed_task_count(alias=DEFAULT_TASK_BACKEND_ALIAS, *, since):
    return task_results(alias).failed().filter(finished_at__gte=since).count()
