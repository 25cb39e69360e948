"""Browser tests: Playwright driving Debian's Chromium (nothing downloads a browser).

Screenshots go to ``test-artifacts/`` (kept by CI as artifacts). Use the ``page`` fixture from
pytest-playwright with ``live_server`` from pytest-django, and the ``screenshot`` helper.
"""

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def emails_link_to_the_live_server(request, settings):
    """Links in emails use the one base URL (portal/emails.py); in a browser test that is the
    live server, as ``make run PORT=N`` makes it the running server."""
    if "live_server" in request.fixturenames:
        settings.WAGTAILADMIN_BASE_URL = request.getfixturevalue("live_server").url


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "name")`` saves test-artifacts/<test>-<name>.png (full page)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    """``axe(page)`` injects axe-core (from the npm registry, see package.json) and returns the
    violations of impact serious or critical."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does).")

    def run(page):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # does not govern (add_script_tag would insert an inline script, which it blocks).
        page.evaluate(AXE_JS.read_text())
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]

    return run


@pytest.fixture
def login_as(live_server):
    """``login_as(context, user)`` signs ``user`` in by giving the browser context a session
    cookie (the login form itself is tested in test_signup_flow.py)."""
    from django.conf import settings
    from django.test import Client

    def login(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return login
