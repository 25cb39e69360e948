"""Response headers as production sends them: Content-Security-Policy (strict on the public site,
its own policy in the Wagtail admin), HSTS, nosniff, framing, Referrer-Policy,
Permissions-Policy, Cross-Origin-Opener-Policy and the flags of the session and CSRF cookies,
for every kind of page. The settings are those of portal/settings/production.py, read under
the environment production would have."""

import base64
import hashlib
import importlib
import re
import sys
from html.parser import HTMLParser

from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse

import pytest

pytestmark = pytest.mark.django_db

# The production settings that shape headers and cookies.
PRODUCTION_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
)
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "test-only-production-key-" + "x" * 30,
    "DJANGO_ALLOWED_HOSTS": "testserver",
}
SETTINGS_MODULES = ("portal.settings.base", "portal.settings.production")
# Sent by every response, whatever its type.
DISABLED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def production_settings(monkeypatch, **env):
    """The header and cookie settings of portal/settings/production.py under ``env``."""
    for name, value in {**PRODUCTION_ENV, **env}.items():
        monkeypatch.setenv(name, value)
    for name in ("DJANGO_CSP_REPORT_ONLY",):
        if name not in env:
            monkeypatch.delenv(name, raising=False)
    # Both modules run again under this environment; the loaded ones are put back afterwards.
    saved = {name: sys.modules.pop(name, None) for name in SETTINGS_MODULES}
    try:
        module = importlib.import_module("portal.settings.production")
    finally:
        for name, loaded in saved.items():
            sys.modules.pop(name, None)
            if loaded is not None:
                sys.modules[name] = loaded
                # The import also rebound the package's attribute (``portal.settings.base``):
                # put it back too, or a later ``from portal.settings import base`` gets the copy.
                package, _, attribute = name.rpartition(".")
                setattr(sys.modules[package], attribute, loaded)
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and name.startswith(PRODUCTION_PREFIXES)
    }


@pytest.fixture
def production(settings, monkeypatch):
    for name, value in production_settings(monkeypatch).items():
        setattr(settings, name, value)
    return settings


class HttpsClient(Client):
    """The test client speaking HTTPS, as production does behind its proxy."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture
def https():
    return HttpsClient()


def policy(header):
    """{'script-src': ["'self'", ...], ...} of a Content-Security-Policy header."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


class ScriptsAndAttributes(HTMLParser):
    """Inline scripts and styles, event-handler and style attributes of a page."""

    EXECUTABLE = {"", "text/javascript", "module", "application/javascript"}

    def __init__(self):
        super().__init__()
        self.inline_scripts = []  # their nonce attribute (None if absent)
        self.inline_styles = []
        self.handlers = []
        self.style_attributes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        executable = (attrs.get("type") or "").lower() in self.EXECUTABLE
        if tag == "script" and "src" not in attrs and executable:
            self.inline_scripts.append(attrs.get("nonce"))
        if tag == "style":
            self.inline_styles.append(attrs.get("nonce"))
        self.handlers += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        if "style" in attrs:
            self.style_attributes.append(f"<{tag} style={attrs['style']!r}>")


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    hsts = response["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    assert "includeSubDomains" in hsts
    permissions = response["Permissions-Policy"]
    for feature in DISABLED_FEATURES:
        assert f"{feature}=()" in permissions


def assert_strict_public_policy(response):
    """The public site's policy: no inline code but nonce-marked, no eval, no framing."""
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    csp = policy(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive, csp["default-src"])
        assert "'unsafe-inline'" not in sources, directive
        assert "'unsafe-eval'" not in sources, directive
        assert "*" not in sources and "https:" not in sources, directive
    if response["Content-Type"].startswith("text/html"):
        page = ScriptsAndAttributes()
        page.feed(response.content.decode())
        nonces = {source for source in csp.get("script-src", []) if source.startswith("'nonce-")}
        for nonce in page.inline_scripts:
            assert nonce is not None, "inline script without a nonce"
            assert f"'nonce-{nonce}'" in nonces
        # An inline <style> needs its nonce or, on the standalone 500 page, its hash.
        style_sources = set(csp.get("style-src", []))
        for nonce in page.inline_styles:
            assert f"'nonce-{nonce}'" in style_sources or any(
                source.startswith("'sha256-") for source in style_sources
            ), "inline <style> that the policy does not allow"
        assert page.handlers == [], "inline event handlers are blocked by the policy"
        assert page.style_attributes == [], "style attributes are blocked by the policy"
    return csp


@pytest.fixture
def site_content(home_page, make_user):
    """One of each kind of public page, tagged "coffee"."""
    from decimal import Decimal

    from registry.services import index_pages_ensure
    from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
    from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
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
    practices = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=practices, tags=["coffee"])
    program = ProgramPageFactory(parent=EventIndexPageFactory(parent=home_page))
    event = EventPageFactory(parent=program)
    return {
        "home": "/",
        "registry list": registry.url,
        "initiative": initiative.url,
        "practice": practice.url,
        "event": event.url,
        "tag page": reverse("portal:tag", args=["coffee"]),
        "search": reverse("portal:search") + "?q=coffee",
        "login": reverse("account_login"),
        "404": "/no-such-page/",
    }


PUBLIC_PAGES = [
    "home",
    "registry list",
    "initiative",
    "practice",
    "event",
    "tag page",
    "search",
    "login",
    "404",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_send_a_strict_policy_and_the_security_headers(
    production, https, site_content, name
):
    response = https.get(site_content[name])
    assert response.status_code == (404 if name == "404" else 200)
    assert_strict_public_policy(response)


def test_map_pages_allow_the_tile_host_of_the_site_settings(production, https, site_content):
    from portal.models import PortalSettings

    for url in (site_content["registry list"], site_content["initiative"]):
        csp = assert_strict_public_policy(https.get(url))
        assert "https://tile.openstreetmap.org" in csp["img-src"]

    portal_settings = PortalSettings.load()
    portal_settings.map_tile_url = "https://{s}.tiles.example.org/styles/{z}/{x}/{y}@2x.png"
    portal_settings.save()
    csp = assert_strict_public_policy(https.get(site_content["registry list"]))
    assert "https://*.tiles.example.org" in csp["img-src"]
    assert "https://tile.openstreetmap.org" not in csp["img-src"]


def test_tile_origin_of_each_url_template():
    from portal.security_headers import tile_origin

    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert tile_origin("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org:8443"
    )
    # Same origin: 'self' already allows it; an unusable host gives nothing rather than "*".
    assert tile_origin("/tiles/{z}/{x}/{y}.png") is None
    assert tile_origin("") is None
    assert tile_origin("https://tiles.{s}.example.org/{z}/{x}/{y}.png") is None


def test_member_dashboard_sends_a_strict_policy(production, https, member):
    https.force_login(member)
    response = https.get(reverse("community:dashboard"))
    assert response.status_code == 200
    assert_strict_public_policy(response)


def test_practice_form_sends_a_strict_policy(production, https, site_content, make_user):
    manager = make_user(username="cspmanager", groups=["Members", "Cluster managers"])
    https.force_login(manager)
    response = https.get(reverse("knowledge:practice_new"))
    assert response.status_code == 200
    assert_strict_public_policy(response)


@pytest.mark.parametrize(
    "url",
    ["/api/v3/pages/", "/initiatives/data.json", "/initiatives/data.csv", "/healthz"],
)
def test_data_responses_send_the_headers_too(production, https, home_page, url):
    from registry.services import index_pages_ensure

    index_pages_ensure()
    response = https.get(url)
    assert response.status_code == 200
    assert_strict_public_policy(response)


def test_admin_has_its_own_policy_without_eval(production, https, admin_user, home_page):
    https.force_login(admin_user)
    for url in ("/admin/", f"/admin/pages/{home_page.pk}/edit/"):
        response = https.get(url)
        assert response.status_code == 200
        assert_common_headers(response)
        csp = policy(response["Content-Security-Policy"])
        assert "'unsafe-eval'" not in csp["script-src"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        # The page editor shows its preview in a frame of the admin itself.
        assert csp["frame-ancestors"] == ["'self'"]


def test_session_and_csrf_cookies_are_secure_httponly_and_lax(production, https, member):
    from tests.factories.accounts import DEFAULT_PASSWORD

    response = https.get(reverse("account_login"))
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"

    response = https.post(
        reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_report_only_mode_sends_the_same_policy_without_enforcing_it(
    settings, monkeypatch, https, home_page
):
    values = production_settings(monkeypatch, DJANGO_CSP_REPORT_ONLY="true")
    for name, value in values.items():
        setattr(settings, name, value)
    response = https.get("/")
    assert "Content-Security-Policy" not in response
    csp = policy(response["Content-Security-Policy-Report-Only"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"]


def broken_view(request):
    raise RuntimeError("boom")


def fine_view(request):
    return HttpResponse("<p>fine</p>")


urlpatterns = [path("broken/", broken_view), path("fine/", fine_view)]
handler500 = "portal.views.server_error"


@pytest.mark.urls(__name__)
def test_server_error_page_styles_are_allowed_by_their_hash(production, home_page):
    client = HttpsClient(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    csp = assert_strict_public_policy(response)
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), flags=re.DOTALL)
    assert styles
    for css in styles:
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["style-src"]
    # Only the error page: other pages allow no inline style.
    other = policy(client.get("/fine/")["Content-Security-Policy"])
    assert not any(source.startswith("'sha256-") for source in other["style-src"])
