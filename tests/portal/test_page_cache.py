"""portal.page_cache: anonymous pages from the cache, never a personal one, headers for proxies,
and every change to public content seen by the next anonymous visitor.

Each invalidation test follows one pattern: an anonymous GET caches the page (the second GET is a
hit that still shows the old content), the change happens, and the next anonymous GET shows it.
Without the trigger's bump the third GET would be the cached, stale copy."""

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone

import pytest
from csp.middleware import CSPMiddleware

from portal import page_cache
from portal.page_cache import PageCacheMiddleware
from tests.factories.accounts import UserFactory
from tests.factories.community import MemberProfileFactory
from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ProgramPageFactory,
)
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    from portal.models import PortalSettings

    settings.PAGE_CACHE_ENABLED = True
    # The first page ever served creates the settings row (a write: it empties the cache).
    PortalSettings.load()


def get(client, url, **headers):
    return client.get(url, headers=headers)


def text(response):
    return response.content.decode()


def warm(client, url):
    """Cache ``url`` for anonymous visitors; returns the cached page's text."""
    assert get(client, url)["X-Page-Cache"] == "miss"
    hit = get(client, url)
    assert hit.status_code == 200
    assert hit["X-Page-Cache"] == "hit"
    return text(hit)


# -- What is cached -----------------------------------------------------------------------------


def test_an_anonymous_page_is_served_from_the_cache_with_public_headers(client, home_page):
    first = get(client, "/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in first["Vary"]
    assert first.has_header("ETag")
    assert not first.cookies
    second = get(client, "/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # Headers written outside the cache are written again for every hit.
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "Content-Security-Policy" in second


def test_a_conditional_request_gets_304_on_a_miss_and_on_a_hit(client, home_page):
    etag = get(client, "/")["ETag"]
    hit = client.get("/", headers={"If-None-Match": etag})
    assert hit.status_code == 304
    cache.clear()
    miss = client.get("/", headers={"If-None-Match": etag})
    assert miss.status_code == 304
    assert client.get("/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_head_is_answered_from_the_cache(client, home_page):
    get(client, "/")
    assert client.head("/")["X-Page-Cache"] == "hit"


def test_a_signed_in_member_never_gets_the_cached_copy(client, home_page, member):
    warm(client, "/")
    client.force_login(member)
    response = get(client, "/")
    assert "X-Page-Cache" not in response
    assert "/accounts/logout/" in text(response)  # the signed-in header, not the cached one
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_a_signed_in_page_is_not_stored_for_anonymous_visitors(client, home_page, member):
    client.force_login(member)
    get(client, "/")
    client.logout()
    client.cookies.clear()
    response = get(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "/accounts/logout/" not in text(response)


def test_a_visitor_with_a_pending_message_bypasses_the_cache(client, home_page):
    warm(client, "/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in get(client, "/")


def test_each_query_string_and_language_has_its_own_copy(client, home_page):
    warm(client, "/search/?q=cluster")
    assert get(client, "/search/?q=network")["X-Page-Cache"] == "miss"
    assert get(client, "/es/")["X-Page-Cache"] == "miss"
    assert 'lang="es"' in text(get(client, "/es/"))


def test_accept_language_does_not_leak_into_a_prefixless_page(client, home_page):
    spanish_browser = get(client, "/", **{"Accept-Language": "es"})
    assert spanish_browser.status_code == 200  # no redirect: / is the English site
    assert 'lang="en"' in text(spanish_browser)
    english = get(client, "/", **{"Accept-Language": "en"})
    assert english["X-Page-Cache"] == "hit"
    assert 'lang="en"' in text(english)
    # Proxies are told that a prefixless URL's answer may depend on it; a prefixed one's not.
    assert "Accept-Language" in english["Vary"]
    cache.clear()
    spanish = get(client, "/es/", **{"Accept-Language": "en"})
    assert "Accept-Language" not in spanish["Vary"]
    assert 'lang="es"' in text(get(client, "/es/", **{"Accept-Language": "pt"}))


@pytest.mark.parametrize("url", ["/admin/", "/accounts/login/", "/es/accounts/login/"])
def test_staff_and_sign_in_pages_are_never_cached(client, home_page, url):
    get(client, url)
    response = get(client, url)
    assert "X-Page-Cache" not in response
    if response.status_code == 200:
        assert "no-store" in response["Cache-Control"]


def test_a_post_is_never_cached(client, home_page):
    client.post("/search/?q=x")
    assert get(client, "/search/?q=x")["X-Page-Cache"] == "miss"


def test_the_cache_is_off_unless_switched_on(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False
    get(client, "/")
    response = get(client, "/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60"  # headers either way


def test_the_switch_is_off_in_development_and_tests_and_on_in_production():
    import re
    from pathlib import Path

    settings_dir = Path(page_cache.__file__).parent / "settings"
    base = (settings_dir / "base.py").read_text()
    production = (settings_dir / "production.py").read_text()
    assert re.search(r'PAGE_CACHE_ENABLED = env_bool\("DJANGO_PAGE_CACHE", False\)', base)
    assert re.search(r'PAGE_CACHE_ENABLED = env_bool\("DJANGO_PAGE_CACHE", True\)', production)
    assert "PAGE_CACHE_ENABLED = False" in (settings_dir / "test.py").read_text()


# -- Responses that must not be stored (the middleware alone) -----------------------------------


def middleware_answers(view, path="/some-page/"):
    """Two anonymous GETs through the page cache (and CSP) around ``view``."""
    middleware = CSPMiddleware(PageCacheMiddleware(view))
    factory = RequestFactory()
    return [middleware(factory.get(path)) for _ in range(2)]


def test_a_page_with_a_csrf_token_is_not_cached():
    def view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    for response in middleware_answers(view):
        assert response.get("X-Page-Cache") is None
        assert "no-store" in response["Cache-Control"]


def test_a_page_that_used_the_csp_nonce_is_not_cached():
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    first, second = middleware_answers(view)
    assert second.get("X-Page-Cache") is None
    # Each answer has its own nonce, in the policy and in the page.
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_a_page_that_sets_a_cookie_or_its_own_cache_control_is_not_cached():
    def with_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    def with_cache_control(request):
        response = HttpResponse("hello")
        response["Cache-Control"] = "private"
        return response

    def varies_on_accept(request):
        response = HttpResponse("hello")
        response["Vary"] = "Accept"
        return response

    for view in (with_cookie, with_cache_control, varies_on_accept):
        assert middleware_answers(view)[1].get("X-Page-Cache") is None
    assert middleware_answers(lambda request: HttpResponse("hi"))[1]["X-Page-Cache"] == "hit"


@pytest.fixture
def make_event(home_page):
    program = ProgramPageFactory(parent=EventIndexPageFactory(parent=home_page))

    def make(**kwargs):
        return EventPageFactory(parent=program, **kwargs)

    return make


def test_event_pages_live_shorter(make_event, home_page):
    event = make_event()
    response = HttpResponse()
    response.context_data = {"page": event}
    assert page_cache.timeout_for(response) == 60
    response.context_data = {"page": home_page}
    assert page_cache.timeout_for(response) == 300


def test_a_lost_generation_starts_a_new_one():
    first = page_cache.generation()
    assert page_cache.generation() == first
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() not in (first, None)


# -- Invalidation: cached page -> change -> the next anonymous GET shows it ---------------------


@pytest.fixture
def index_page(home_page):
    from registry.services import index_pages_ensure

    return index_pages_ensure()


@pytest.fixture
def initiative(index_page):
    page = InitiativePageFactory(
        parent=index_page, title="Alpha Cluster", slug="alpha-cluster", tags=["software"]
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_publish(client, initiative):
    assert "Alpha Cluster" in warm(client, initiative.url)
    warm(client, "/initiatives/")
    initiative.title = "Alpha Renamed"
    initiative.save_revision().publish()
    assert "Alpha Renamed" in text(get(client, initiative.url))
    assert "Alpha Renamed" in text(get(client, "/initiatives/"))


def test_unpublish(client, initiative):
    warm(client, "/initiatives/")
    initiative.unpublish()
    assert "Alpha Cluster" not in text(get(client, "/initiatives/"))
    assert get(client, initiative.url).status_code == 404


def test_delete(client, initiative):
    url = initiative.url
    warm(client, url)
    initiative.delete()
    assert get(client, url).status_code == 404


def test_move(client, home_page):
    from portal.models import StandardPage

    about = home_page.add_child(instance=StandardPage(title="About", slug="about"))
    team = home_page.add_child(instance=StandardPage(title="Team", slug="team"))
    warm(client, "/team/")
    team.move(about, pos="last-child")
    assert get(client, "/team/").status_code == 301  # Wagtail's automatic redirect
    assert get(client, "/about/team/").status_code == 200


def test_copy(client, initiative, index_page):
    warm(client, "/initiatives/")
    initiative.copy(
        update_attrs={"title": "Alpha Copy", "slug": "alpha-copy"}, keep_live=True, to=index_page
    )
    assert "Alpha Copy" in text(get(client, "/initiatives/"))


def test_moderation_decision(client, home_page, member, moderator):
    from portal.models import StandardPage
    from portal.moderation import ensure_workflow, workflow_submit

    page = home_page.add_child(instance=StandardPage(title="Guide", slug="guide"))
    page.save_revision().publish()
    ensure_workflow(key="cache-test", name="Cache test", task_name="Approve", pages=[home_page])
    page.refresh_from_db()
    page.title = "Guide, revised"
    page.save_revision(user=member)
    state = workflow_submit(page=page, user=member, workflow=page.get_workflow())
    assert "Guide, revised" not in warm(client, "/guide/")
    state.current_task_state.specific.approve(user=moderator)
    assert "Guide, revised" in text(get(client, "/guide/"))


def test_tag_rename_label_and_delete(client, initiative):
    from portal.models import Tag

    tag = Tag.objects.get(name="software")
    assert "software" in warm(client, initiative.url)
    tag.name = "software services"
    tag.save()
    assert "software services" in text(get(client, initiative.url))
    warm(client, "/es" + initiative.url)
    tag.name_es = "servicios de software"
    tag.save()
    assert "servicios de software" in text(get(client, "/es" + initiative.url))
    warm(client, initiative.url)
    tag.delete()
    assert "software services" not in text(get(client, initiative.url))


def test_tag_merge(client, initiative):
    from portal.models import Tag
    from portal.tagging import tag_merge

    target = Tag.objects.create(name="digital economy", slug="digital-economy")
    assert "digital economy" not in warm(client, initiative.url)
    tag_merge(sources=[Tag.objects.get(name="software")], target=target)
    assert "digital economy" in text(get(client, initiative.url))


def test_settings_change(client, home_page):
    from portal.models import PortalSettings

    warm(client, "/")
    portal_settings = PortalSettings.load()
    portal_settings.contact_email = "hello@changed.example.org"
    portal_settings.save()
    assert "hello@changed.example.org" in text(get(client, "/"))


def test_site_and_locale_changes(client, home_page):
    # No field of theirs is printed on a page, but they decide which page a URL serves.
    from wagtail.models import Locale, Site

    warm(client, "/")
    for row in (Site.objects.get(is_default_site=True), Locale.objects.get(language_code="es")):
        row.save()
        assert get(client, "/")["X-Page-Cache"] == "miss"
        assert get(client, "/")["X-Page-Cache"] == "hit"


def test_event_registration_changes_seats_left(client, make_event):
    event = make_event(capacity=10, registration_open=True)
    assert "10 of 10 seats left" in warm(client, event.url)
    EventRegistrationFactory(event=event)
    assert "9 of 10 seats left" in text(get(client, event.url))


def test_member_profile_change(client, home_page):
    profile = MemberProfileFactory(
        user=UserFactory(username="ana", groups=["Members"]), visibility="public"
    )
    url = f"/members/{profile.user.username}/"
    assert "Runs the Medellín software cluster." not in warm(client, url)
    profile.display_name = "Anabela Duarte"
    profile.bio = "Runs the Medellín software cluster."
    profile.save()
    page = text(get(client, url))
    assert "Runs the Medellín software cluster." in page
    assert "Anabela Duarte" in page


def test_bulk_import(client, index_page):
    from registry.importers import apply, parse_csv
    from tests.registry.test_importers import HEADER, row

    warm(client, "/initiatives/")
    report = parse_csv("\n".join([HEADER, row(name="Imported Gamma", external_id="g-1")]))
    apply(report, index_page=index_page)
    assert "Imported Gamma" in text(get(client, "/initiatives/"))


def test_a_write_in_a_transaction_bumps_again_on_commit(
    django_capture_on_commit_callbacks, initiative
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        initiative.title = "Alpha, later"
        initiative.save_revision().publish()
        during = page_cache.generation()
    assert page_cache.generation() != during


def test_a_sign_in_does_not_empty_the_cache(client, member, password, home_page):
    before = page_cache.generation()
    member.last_login = timezone.now()
    member.save(update_fields=["last_login"])
    assert page_cache.generation() == before
