"""Every route that takes a password goes through allauth: its rate limits and its two-factor
step apply whichever door a visitor knocks on, under the test settings and the production ones.

The doors: allauth's login (in each language), the Wagtail admin's login, Wagtail's front-end
login for private pages (``/_util/login/``), and the shared password of a password-protected
page (``/_util/authenticate_with_password/...``), which is not a user login but is guessed the
same way.
"""

import importlib
import runpy

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from wagtail.models import Page, PageViewRestriction

import pytest

from tests.accounts.helpers import (
    activate_totp,
    assert_shows,
    current_code,
    is_logged_in,
    translated,
)

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT_MESSAGE = (
    "Too many failed login attempts for this account. For your security, signing in is "
    "paused for a few minutes: wait five minutes and try again, or reset your password."
)
PAGE_PASSWORD_LIMIT_MESSAGE = (
    "Too many wrong passwords from your network address. For your security, wait a few "
    "minutes and try again."
)
# What production.py changes but a test must not: mail goes to the test outbox.
KEPT_FROM_TEST_SETTINGS = {"EMAIL_BACKEND", "SECRET_KEY"}


def production_overrides(monkeypatch, cache_dir):
    """The settings that portal/settings/production.py changes from base.py (HTTPS, secure
    cookies, the file cache shared by workers that holds the rate-limit counters...), read from
    the module itself so that this list cannot drift from it."""
    # The module production.py star-imports (sys.modules), not a package attribute that another
    # test may have rebound.
    base = importlib.import_module("portal.settings.base")
    monkeypatch.setattr(base, "SECRET_KEY", "production-like-test-key-" + "x" * 30)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("DJANGO_CACHE_DIR", str(cache_dir))
    production = runpy.run_module("portal.settings.production")
    missing = object()
    return {
        name: value
        for name, value in production.items()
        if name.isupper()
        and name not in KEPT_FROM_TEST_SETTINGS
        and getattr(base, name, missing) != value
    }


@pytest.fixture(params=["test-settings", "production-settings"])
def environment(request, settings, client, monkeypatch, tmp_path):
    """Runs a test once with the test settings and once with production's on top (HTTPS)."""
    if request.param == "production-settings":
        overrides = production_overrides(monkeypatch, tmp_path / "cache")
        assert overrides["SECURE_SSL_REDIRECT"] is True
        assert "FileBasedCache" in overrides["CACHES"]["default"]["BACKEND"]
        for name, value in overrides.items():
            setattr(settings, name, value)
        # Behind the TLS proxy, which says so in X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
        client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    return request.param


# (route a visitor can open, language of the pages it leads to)
LOGIN_ROUTES = [
    ("/accounts/login/", "en"),
    ("/es/accounts/login/", "es"),
    ("/admin/login/?next=/admin/", "en"),
    ("/_util/login/", "en"),
    ("/es/_util/login/", "es"),
    ("/pt/_util/login/?next=/pt/", "pt"),
]


def login_form_url(client, route):
    """The URL the login form of ``route`` posts to: the route itself when it serves a form,
    where it redirects to otherwise."""
    response = client.get(route)
    assert response.status_code in (200, 302), (route, response.status_code)
    return response["Location"] if response.status_code == 302 else route


def post_password(client, url, user, password):
    # Field names of allauth's form (login) and of Django's/Wagtail's (username) together, so
    # the same post works whichever form answers.
    return client.post(url, {"login": user.email, "username": user.username, "password": password})


def mfa_url(language):
    return (
        "/accounts/2fa/authenticate/"
        if language == "en"
        else f"/{language}/accounts/2fa/authenticate/"
    )


@pytest.mark.parametrize(("route", "language"), LOGIN_ROUTES)
def test_wrong_passwords_are_throttled_on_every_login_route(
    client, environment, member, password, route, language
):
    for _ in range(5):
        url = login_form_url(client, route)
        response = post_password(client, url, member, "not-the-password")
        assert response.status_code == 200
        assert not is_logged_in(client)
    # The sixth try is refused even with the right password.
    url = login_form_url(client, route)
    response = post_password(client, url, member, password)
    assert not is_logged_in(client)
    assert response.status_code == 200
    assert_shows(response, translated(language, ACCOUNT_LIMIT_MESSAGE))


@pytest.mark.parametrize(("route", "language"), LOGIN_ROUTES)
@pytest.mark.parametrize("role", ["member", "superuser"])
def test_a_password_alone_never_logs_in_a_totp_user(
    client, environment, make_user, password, route, language, role
):
    user = make_user(
        username=f"totp-{role}",
        groups=["Members"],
        is_superuser=role == "superuser",
        is_staff=role == "superuser",
    )
    secret = activate_totp(user)
    url = login_form_url(client, route)
    response = post_password(client, url, user, password)
    assert not is_logged_in(client)
    assert response.status_code == 302
    assert response["Location"] == mfa_url(language)

    done = client.post(mfa_url(language), {"code": current_code(secret)})
    assert done.status_code == 302
    assert is_logged_in(client)
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("path", ["/_util/login/", "/es/_util/login/"])
def test_posting_to_wagtail_front_end_login_never_authenticates(client, admin_user, password, path):
    response = post_password(client, path, admin_user, password)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("/_util/login/?next=/members/", "/accounts/login/?next=%2Fmembers%2F"),
        ("/es/_util/login/?next=/es/dashboard/", "/es/accounts/login/?next=%2Fes%2Fdashboard%2F"),
        ("/_util/login/?next=https://evil.example/", "/accounts/login/?next=%2F"),
        ("/pt/_util/login/?next=//evil.example/", "/pt/accounts/login/?next=%2Fpt%2F"),
    ],
)
def test_wagtail_front_end_login_redirects_to_allauth_with_a_safe_next(client, route, expected):
    response = client.get(route)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_private_page_sends_visitors_to_allauth(client, home_page):
    PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


# --- The shared password of a password-protected page ----------------------------------------


@pytest.fixture
def protected_page(home_page):
    page = home_page.add_child(
        instance=Page(title="Board minutes", slug="board-minutes", live=True)
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame-2024"
    )
    return page, restriction


def page_is_open(client, restriction):
    return restriction.pk in client.session.get(
        restriction.passed_view_restrictions_session_key, []
    )


def page_password_url(prefix, page, restriction):
    return f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/es", "es"), ("/pt", "pt")])
def test_page_password_guesses_are_throttled(client, environment, protected_page, prefix, language):
    page, restriction = protected_page
    url = page_password_url(prefix, page, restriction)
    return_url = f"{prefix}/board-minutes/"
    for _ in range(5):
        response = client.post(url, {"password": "guess", "return_url": return_url})
        assert response.status_code == 200
    response = client.post(url, {"password": "open-sesame-2024", "return_url": return_url})
    assert response.status_code == 429
    assert_shows(response, translated(language, PAGE_PASSWORD_LIMIT_MESSAGE))
    # The page stays closed.
    assert not page_is_open(client, restriction)


def test_the_right_page_password_still_opens_the_page(client, protected_page):
    page, restriction = protected_page
    url = page_password_url("", page, restriction)
    for _ in range(4):
        client.post(url, {"password": "guess", "return_url": "/board-minutes/"})
    response = client.post(url, {"password": "open-sesame-2024", "return_url": "/board-minutes/"})
    assert response.status_code == 302
    assert response["Location"] == "/board-minutes/"
    assert page_is_open(client, restriction)


def test_a_page_password_success_does_not_reset_the_count(client, protected_page):
    page, restriction = protected_page
    url = page_password_url("", page, restriction)
    for _ in range(4):
        client.post(url, {"password": "guess", "return_url": "/"})
    assert client.post(url, {"password": "open-sesame-2024", "return_url": "/"}).status_code == 302
    client.post(url, {"password": "guess", "return_url": "/"})
    refused = client.post(url, {"password": "open-sesame-2024", "return_url": "/"})
    assert refused.status_code == 429


# --- Audit: no other credential form among the URL patterns ----------------------------------


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def view_path(view):
    view = getattr(view, "view_class", view)
    name = getattr(view, "__qualname__", type(view).__qualname__)
    return f"{getattr(view, '__module__', '')}.{name}"


# Views of Django and Wagtail that check a password outside allauth, each with a URL of it
# and the project's view that must answer that URL instead (an earlier pattern).
SHADOWED = {
    "django.contrib.auth.views.LoginView": (
        "/_util/login/",
        "portal.views.frontend_login",
    ),
    "wagtail.admin.views.account.LoginView": ("/admin/login/", "portal.views.admin_login"),
    "wagtail.views.authenticate_with_password": (
        "/_util/authenticate_with_password/1/2/",
        "portal.views.authenticate_with_password",
    ),
    "wagtail.documents.views.serve.authenticate_with_password": (
        "/documents/authenticate_with_password/1/",
        "portal.views.authenticate_document_password",
    ),
}


def is_password_view(path):
    return not path.startswith("portal.") and (
        path.startswith("django.contrib.auth.views.")
        or path.endswith(".authenticate_with_password")
        or path == "wagtail.admin.views.account.LoginView"
    )


def test_every_password_view_outside_allauth_is_shadowed_by_the_projects():
    """Walks every URL pattern: the only password views that are not allauth's are the known
    ones above, and none of them answers its URL. (Wagtail's admin password reset and change
    are switched off by settings: tests/accounts/test_login.py.)"""
    found = {
        view_path(pattern.callback)
        for _route, pattern in walk(get_resolver())
        if is_password_view(view_path(pattern.callback))
    }
    # Wagtail's own _util/ views are no longer routed at all (portal/urls.py mounts only its
    # serve pattern), so they may be absent; none other than the known ones may appear.
    assert found <= set(SHADOWED)
    assert "wagtail.admin.views.account.LoginView" in found
    for url, project_view in SHADOWED.values():
        assert view_path(resolve(url).func) == project_view, url


def test_document_collection_password_guesses_are_throttled(client):
    from wagtail.models import Collection, CollectionViewRestriction

    restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="open-sesame-2024",
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for _ in range(5):
        assert client.post(url, {"password": "guess", "return_url": "/"}).status_code == 200
    response = client.post(url, {"password": "open-sesame-2024", "return_url": "/"})
    assert response.status_code == 429
    assert_shows(response, translated("en", PAGE_PASSWORD_LIMIT_MESSAGE))
    assert not page_is_open(client, restriction)
