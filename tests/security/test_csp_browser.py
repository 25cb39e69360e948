"""The Content-Security-Policy in a real browser: every public and member page, and the
Wagtail admin's page editor, load without a single "Refused to ..." (a blocked script, style,
image, frame or connection), so the policy blocks nothing the site itself needs."""

import pytest

from tests.e2e import conftest as e2e

# The browser fixtures of the e2e suite: Debian's Chromium, login_as.
browser_type_launch_args = e2e.browser_type_launch_args
login_as = e2e.login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every violation the page reports (an init script runs outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ` +
        `${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def content(home_page):
    """An initiative with coordinates (maps on the list and its page), a practice index (the
    practice form), an event; the default OpenStreetMap tile URL of the site settings."""
    from decimal import Decimal

    from registry.services import index_pages_ensure
    from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
    from tests.factories.knowledge import PracticeIndexPageFactory
    from tests.factories.registry import InitiativePageFactory

    registry = index_pages_ensure()
    initiative = InitiativePageFactory(
        parent=registry,
        title="Coffee cluster",
        latitude=Decimal("2.5"),
        longitude=Decimal("-75.5"),
        tags=["coffee"],
    )
    initiative.save_revision().publish()
    initiative.refresh_from_db()
    PracticeIndexPageFactory(parent=home_page)
    program = ProgramPageFactory(parent=EventIndexPageFactory(parent=home_page))
    event = EventPageFactory(parent=program)
    return {"registry": registry.url, "initiative": initiative.url, "event": event.url}


def visit(context, url):
    """Open ``url`` and return what the policy refused there (console and events)."""
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Refused to" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(url, wait_until="networkidle")
    assert response.status < 400, url
    assert response.headers.get("content-security-policy"), url
    page.wait_for_timeout(300)
    refused += page.evaluate("window.__cspViolations")
    page.close()
    return refused


def test_public_and_member_pages_load_without_violations(
    browser, live_server, content, make_user, login_as
):
    context = browser.new_context()
    pages = {
        "home": "/",
        "registry list with map": content["registry"],
        "initiative": content["initiative"],
        "event": content["event"],
        "login": "/accounts/login/",
    }
    refused = {name: visit(context, live_server.url + url) for name, url in pages.items()}

    manager = make_user(username="cspmanager", groups=["Members", "Cluster managers"])
    login_as(context, manager)
    member_pages = {
        "dashboard": "/dashboard/",
        "practice form": "/practices/new/",
        "registration form with map": "/initiatives/register/",
    }
    refused |= {name: visit(context, live_server.url + url) for name, url in member_pages.items()}
    context.close()
    assert {name: messages for name, messages in refused.items() if messages} == {}


def test_admin_page_editor_and_user_bar_load_without_violations(
    browser, live_server, home_page, make_user
):
    from django.conf import settings
    from django.test import Client

    admin = make_user(username="cspadmin", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    refused = {
        url: visit(context, live_server.url + url)
        # The home page as an editor: with Wagtail's user bar, under the public policy.
        for url in ("/admin/", f"/admin/pages/{home_page.pk}/edit/", "/admin/pages/", "/")
    }
    context.close()
    assert {url: messages for url, messages in refused.items() if messages} == {}
