"""Logs that a log collector can parse: one JSON object per line, each with the id of the
request it belongs to (``ops.middleware.RequestIdMiddleware``), so that every line of one
request, and the error a visitor quotes from a response header, can be found together.

The settings reference these classes by dotted path before the apps are loaded: this module
imports nothing from Django."""

import contextvars
import json
import logging
from datetime import UTC, datetime

#: The id of the request being handled in this thread or task; "-" outside a request (the
#: task worker, management commands).
request_id_var = contextvars.ContextVar("request_id", default="-")

#: Attributes a record may carry (``logger.info(..., extra={...})``) that the JSON line keeps.
#: Django's own request log (``django.request``) gives the status as ``status_code``.
EXTRA_FIELDS = ("method", "path", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record, for any formatter (``%(request_id)s``)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """``{"time": "2026-01-31T12:00:00.123+00:00", "level": "INFO", "logger": "...",
    "message": "...", "request_id": "...", ...}``, one object per line."""

    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                data[field] = getattr(record, field)
        if "status" not in data and isinstance(getattr(record, "status_code", None), int):
            data["status"] = record.status_code
        if record.exc_info:
            data["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            data["stack_info"] = self.formatStack(record.stack_info)
        # default=str: a message argument or an extra value that JSON cannot represent is
        # written as its text rather than losing the whole line.
        return json.dumps(data, default=str, ensure_ascii=False)
