"""Is this app server ready to take traffic: can it reach the database, the cache and the task
queue? Each check answers ``{"ok": bool, "ms": float, ...}``; a failure gives only the
exception's class name (an error text may hold host names, users or passwords)."""

import time
import uuid

from django.core.cache import caches
from django.db import connection

from .selectors import task_backend_kind, task_backlog


def _timed(check):
    started = time.perf_counter()
    try:
        result = {"ok": True, **(check() or {})}
    except Exception as error:
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


class CacheMismatch(Exception):
    """The cache accepted a value and gave back something else (or nothing)."""


def _cache():
    cache = caches["default"]
    key = f"ops:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise CacheMismatch
    finally:
        cache.delete(key)


def _tasks():
    kind = task_backend_kind()
    if kind != "database":
        return {"backend": kind}
    backlog = task_backlog()
    age = backlog.oldest_age
    return {
        "backend": kind,
        "backlog": backlog.ready,
        "oldest_age_s": round(age.total_seconds(), 1) if age is not None else None,
    }


CHECKS = {"database": _database, "cache": _cache, "tasks": _tasks}


def readiness():
    """``(ok, {"database": {...}, "cache": {...}, "tasks": {...}})``"""
    checks = {name: _timed(check) for name, check in CHECKS.items()}
    return all(check["ok"] for check in checks.values()), checks
