"""Every URL the project resolves, requested as every role (tests/security/url_matrix.py).

A resolved pattern missing from the table fails ``test_every_pattern_is_in_the_table``, so a
new view cannot ship without someone deciding who may see it."""

import re

from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

import pytest

from tests.security.fixtures import ROLES
from tests.security.url_matrix import (
    PREFIX_RULES,
    STAFF,
    TABLE,
    rule_for,
)

LOGIN = "/accounts/login/"
LANGUAGES = "|".join(code for code, _ in settings.LANGUAGES)
LANGUAGE_PREFIX = re.compile(rf"^/({LANGUAGES})/")


def resolved_patterns():
    """``[(key, route)]`` for every URL pattern, walking the resolver tree, plus one key per
    routable sub-route of the page tree (``wagtail_serve:event.register``)."""
    found = []

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, prefix + str(pattern.pattern), inner)
            else:
                route = prefix + str(pattern.pattern)
                if pattern.name:
                    key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    key = route
                found.append((key, route))

    walk(get_resolver(), "", None)
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin) and not model._meta.abstract:
            short = model.__name__.removesuffix("Page").lower()
            for sub in model.get_subpage_urls():
                if sub.name != "index_route":
                    found.append(
                        (f"wagtail_serve:{short}.{sub.name}", "<page>/" + str(sub.pattern))
                    )
    return found


def sample_path(route, data):
    """A URL for a route whose entry has no path: converters get values from the data."""
    path = route.replace("^", "").replace("$", "")

    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int" or name == "pk" or name.endswith("_id"):
            return str(data.initiative.pk)
        if converter == "uuid":
            return "00000000-0000-0000-0000-000000000000"
        return "x"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, path)


def path_for(key, route, data):
    rule = rule_for(key, route)
    if rule["path"] is None:
        return sample_path(route, data)
    return rule["path"].format_map(vars(data))


def matches(outcome, response):
    """Whether ``response`` is ``outcome`` (see url_matrix.OUTCOMES)."""
    status = response.status_code
    location = LANGUAGE_PREFIX.sub("/", response.get("Location", ""))
    to_login = status == 302 and location.startswith(LOGIN)
    return {
        "ok": status == 200,
        "redirect_login": to_login,
        "redirect_email": status == 302 and location.startswith("/accounts/email/"),
        "redirect": 300 <= status < 400,
        "forbidden": status == 403,
        "not_found": status == 404,
        "method_not_allowed": status == 405,
        "unauthorized": status == 401,
        "unprocessable": status == 422,
        "reachable": status < 500 and not to_login,
    }[outcome]


def client_for(role, data):
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        client.force_login(data.users[role])
    return client


def request(client, role, data, method, path, outcome):
    """Send one request; ``None`` when it matched ``outcome``, else a line for the report."""
    try:
        if outcome == "error_test":
            with pytest.raises(Exception, match="test of the emergency"):
                getattr(client, method)(path)
            return None
        response = getattr(client, method)(path)
    except Exception as error:  # a 500: reported with the others
        return f"{method.upper()} {path}: expected {outcome}, raised {error!r:.120}"
    finally:
        # Logout URLs end the session; the next URL is requested as the same role again.
        if role != "anonymous" and "_auth_user_id" not in client.session:
            client.force_login(data.users[role])
    if matches(outcome, response):
        return None
    location = response.get("Location", "")
    return f"{method.upper()} {path}: expected {outcome}, got {response.status_code} {location}"


def test_every_pattern_is_in_the_table():
    missing = sorted({key for key, route in resolved_patterns() if rule_for(key, route) is None})
    assert not missing, "URL patterns with no entry in tests/security/url_matrix.py:\n" + (
        "\n".join(missing)
    )


def test_table_has_no_stale_entries():
    keys = {key for key, _ in resolved_patterns()}
    stale = sorted(k for k in TABLE if not k.endswith(":*") and k not in keys)
    assert not stale, f"entries for patterns that no longer exist: {stale}"


def _requests(role, data, method):
    seen = set()
    sampled_namespaces = set()
    for key, route in resolved_patterns():
        rule = rule_for(key, route)
        outcomes = rule["expect"] if method == "get" else rule["post"]
        if role not in outcomes:
            continue
        if role in STAFF and any(rule is prefix_rule for *_, prefix_rule in PREFIX_RULES):
            # Wagtail's own views, for staff: one per namespace keeps the run short; every
            # one of them is still requested as each of the other roles (the perimeter).
            namespace = key.rsplit(":", 1)[0] if ":" in key else key
            if namespace in sampled_namespaces:
                continue
            sampled_namespaces.add(namespace)
        path = path_for(key, route, data)
        if (path, method) in seen:  # one route, several names (Ninja's GET/POST pairs)
            continue
        seen.add((path, method))
        yield key, path, outcomes[role]


@pytest.mark.parametrize("role", ROLES)
def test_get_every_url(role, matrix_data, db):
    client = client_for(role, matrix_data)
    failures = [
        f"{key}: {line}"
        for key, path, outcome in _requests(role, matrix_data, "get")
        if (line := request(client, role, matrix_data, "get", path, outcome))
    ]
    assert not failures, f"{len(failures)} URLs answer {role} wrongly:\n" + "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_write_views_refuse_the_wrong_roles_on_post(role, matrix_data, db):
    client = client_for(role, matrix_data)
    failures = [
        f"{key}: {line}"
        for key, path, outcome in _requests(role, matrix_data, "post")
        if (line := request(client, role, matrix_data, "post", path, outcome))
    ]
    assert not failures, f"{len(failures)} write views let {role} in:\n" + "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_language_prefixed_urls_answer_like_the_default_language(role, matrix_data, db):
    """The i18n_patterns under /es/ and /pt/ are the same views: same outcome per role."""
    client = client_for(role, matrix_data)
    failures = []
    for n, (key, path, outcome) in enumerate(_requests(role, matrix_data, "get")):
        if path.startswith(
            ("/admin/", "/api/", "/documents/", "/i18n/", "/healthz", "/readyz", "/robots")
        ):
            continue
        if path.startswith(("/sitemap", "/_util/")) or outcome == "error_test":
            continue
        prefix = ("/es", "/pt")[n % 2]
        if line := request(client, role, matrix_data, "get", prefix + path, outcome):
            failures.append(f"{key}: {line}")
    assert not failures, "\n".join(failures)
