"""Every request gets an id: the X-Request-ID response header, ``request.request_id`` and the
``request_id`` of each log line written while it is handled."""

import io
import json
import logging

from django.test import override_settings

import pytest

from ops.logging import JsonFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The JSON lines the loggers write while the test runs (the production handler's filter
    and formatter on a handler of our own)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)


def test_a_fresh_id_on_every_response(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


@pytest.mark.parametrize(
    "incoming", ["abc123", "1-67891233-abcdef012345678912345678", "a.b_c-d", "x" * 64]
)
def test_a_sane_incoming_id_is_kept(client, incoming):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "x" * 65,
        "abc def",
        'abc\n{"level": "CRITICAL"}',
        "-",
        "",
        "id;rm",
    ],
)
def test_a_hostile_incoming_id_is_replaced(client, hostile):
    answered = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
    assert answered != hostile
    assert len(answered) == 32 and int(answered, 16) >= 0


def test_the_id_is_cleared_after_the_request(client):
    client.get("/healthz", HTTP_X_REQUEST_ID="abc123")
    assert request_id_var.get() == "-"


def test_log_lines_written_during_a_request_carry_its_id(client, json_log):
    # Django logs a 404 ("Not Found: ...") on django.request while the request is handled.
    response = client.get("/no-such-page-at-all/", HTTP_X_REQUEST_ID="req-404")
    assert response.status_code == 404
    lines = [line for line in json_log() if line["logger"] == "django.request"]
    assert lines, json_log()
    assert lines[0]["request_id"] == "req-404"
    assert lines[0]["level"] == "WARNING"
    assert lines[0]["status"] == 404
    assert "/no-such-page-at-all/" in lines[0]["message"]


@override_settings(REQUEST_LOG=True)
def test_one_access_line_per_request_when_switched_on(client, json_log):
    client.get("/healthz?token=secret", HTTP_X_REQUEST_ID="req-1")
    lines = [line for line in json_log() if line["logger"] == "articula.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "req-1"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert "secret" not in json.dumps(line)


@override_settings(REQUEST_LOG=False)
def test_no_access_line_when_switched_off(client, json_log):
    client.get("/healthz")
    assert not [line for line in json_log() if line["logger"] == "articula.request"]
