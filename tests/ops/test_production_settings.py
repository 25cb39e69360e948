"""Production's logging and error reporting: JSON lines unless told otherwise, an access line
per request, and Sentry only when a DSN is given (each case in a fresh interpreter, as the
settings read the environment once)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEY = "ops-settings-test-key-" + "k" * 40

SHOW = """
import json, sys
import portal.settings.production as s
print(json.dumps({
    "formatter": s.LOGGING["handlers"]["console"]["formatter"],
    "filters": s.LOGGING["handlers"]["console"]["filters"],
    "request_log": s.REQUEST_LOG,
    "sentry_imported": "sentry_sdk" in sys.modules,
    "readyz_exempt": any(p == r"^readyz$" for p in s.SECURE_REDIRECT_EXEMPT),
}))
"""

FAKE_SENTRY = """
import json
def init(**options):
    print("SENTRY " + json.dumps(options))
"""


def production(extra_path=None, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))}
    base.update(DJANGO_SECRET_KEY=KEY, DJANGO_ALLOWED_HOSTS="example.org", **env)
    if extra_path:
        base["PYTHONPATH"] = str(extra_path)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=base, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    *other, last = result.stdout.strip().splitlines()
    return json.loads(last), other


def test_production_logs_json_lines_with_an_access_line():
    values, _ = production()
    assert values["formatter"] == "json"
    assert values["filters"] == ["request_id"]
    assert values["request_log"] is True
    assert values["readyz_exempt"] is True


def test_plain_text_logs_and_no_access_line_on_request():
    values, _ = production(DJANGO_LOG_FORMAT="text", DJANGO_REQUEST_LOG="false")
    assert values["formatter"] == "text"
    assert values["request_log"] is False


def test_without_a_dsn_sentry_is_not_even_imported():
    values, _ = production()
    assert values["sentry_imported"] is False


def test_with_a_dsn_sentry_starts_without_personal_data(tmp_path):
    # A stand-in for the SDK that prints what it was given (the real one would send events).
    (tmp_path / "sentry_sdk").mkdir()
    (tmp_path / "sentry_sdk" / "__init__.py").write_text(FAKE_SENTRY)
    values, output = production(
        extra_path=tmp_path,
        SENTRY_DSN="https://public@errors.example.org/1",
        SENTRY_ENVIRONMENT="staging",
        SENTRY_TRACES_SAMPLE_RATE="0.1",
    )
    assert values["sentry_imported"] is True
    options = json.loads(output[-1].removeprefix("SENTRY "))
    assert options == {
        "dsn": "https://public@errors.example.org/1",
        "environment": "staging",
        "send_default_pii": False,
        "traces_sample_rate": 0.1,
    }


def test_sentry_defaults(tmp_path):
    (tmp_path / "sentry_sdk").mkdir()
    (tmp_path / "sentry_sdk" / "__init__.py").write_text(FAKE_SENTRY)
    _, output = production(extra_path=tmp_path, SENTRY_DSN="https://public@errors.example.org/1")
    options = json.loads(output[-1].removeprefix("SENTRY "))
    assert options["environment"] == "production"
    assert options["traces_sample_rate"] == 0.0


def test_dev_logs_plain_text_without_access_lines():
    code = (
        "import json; import portal.settings.dev as s; "
        "print(json.dumps([s.LOGGING['handlers']['console']['formatter'], s.REQUEST_LOG]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["text", False]
