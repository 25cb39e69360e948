"""The JSON log formatter: one parseable object per line, whatever the message holds."""

import json
import logging
import sys
from datetime import datetime

from ops.logging import JsonFormatter, RequestIdFilter, request_id_var


def record(message, *args, exc_info=None, **extra):
    made = logging.LogRecord("articula.test", logging.ERROR, __file__, 1, message, args, exc_info)
    made.__dict__.update(extra)
    return made


def formatted(made):
    RequestIdFilter().filter(made)
    line = JsonFormatter().format(made)
    assert "\n" not in line
    return json.loads(line)


def test_fields_of_a_line():
    token = request_id_var.set("req-7")
    try:
        data = formatted(record("Sent %s emails", 3))
    finally:
        request_id_var.reset(token)
    assert data["message"] == "Sent 3 emails"
    assert data["level"] == "ERROR"
    assert data["logger"] == "articula.test"
    assert data["request_id"] == "req-7"
    time = datetime.fromisoformat(data["time"])
    assert time.utcoffset().total_seconds() == 0
    assert "exc_info" not in data


def test_outside_a_request_the_id_is_a_dash():
    assert formatted(record("worker started"))["request_id"] == "-"


def test_a_traceback_is_one_string_and_the_line_stays_one_line():
    try:
        raise ValueError('bad "value"\nsecond line')
    except ValueError:
        data = formatted(record("failed", exc_info=sys.exc_info()))
    assert data["exc_info"].startswith("Traceback (most recent call last):")
    assert 'ValueError: bad "value"\nsecond line' in data["exc_info"]


def test_request_fields_and_values_json_cannot_hold():
    data = formatted(
        record("GET %s", object(), method="GET", path="/x", status=200, duration_ms=1.5, other="no")
    )
    assert data["method"] == "GET"
    assert data["path"] == "/x"
    assert data["status"] == 200
    assert data["duration_ms"] == 1.5
    assert "other" not in data
    assert data["message"].startswith("GET <object object")
