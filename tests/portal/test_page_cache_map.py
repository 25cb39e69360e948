"""The registry's map layer (and its marker popups) from the anonymous page cache: a hit costs no
query and keeps the view's own headers (public max-age, ETag, Last-Modified), each filter has
its own copy, and a change to an initiative shows in the next anonymous request."""

import json
from decimal import Decimal

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from portal import page_cache
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db

MAP = reverse("registry:map_geojson")


@pytest.fixture(autouse=True)
def cache_on(settings):
    from portal.models import PortalSettings

    settings.PAGE_CACHE_ENABLED = True
    PortalSettings.load()  # the first page served creates it (a write: it empties the cache)


@pytest.fixture
def index_page(home_page):
    from registry.services import index_pages_ensure

    return index_pages_ensure()


@pytest.fixture
def initiative(index_page):
    page = InitiativePageFactory(
        parent=index_page, title="Alpha Cluster", slug="alpha-cluster", country="CO"
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def features(response):
    return {f["id"]: f["geometry"]["coordinates"] for f in json.loads(response.content)["features"]}


def test_the_map_layer_is_served_from_the_cache_without_a_query(client, initiative):
    miss = client.get(MAP)
    assert miss["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        hit = client.get(MAP)
    assert hit["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert hit.content == miss.content
    assert features(hit) == {initiative.pk: [-75.5812, 6.2442]}
    # The view's own headers, kept: a proxy or browser may keep it a minute and revalidate.
    assert hit["Cache-Control"] == "public, max-age=60"
    assert hit["Content-Type"] == "application/geo+json"
    assert hit["ETag"] == miss["ETag"]
    assert hit["Last-Modified"] == miss["Last-Modified"]
    assert hit["Access-Control-Allow-Origin"] == "*"
    not_modified = client.get(MAP, headers={"If-None-Match": hit["ETag"]})
    assert not_modified.status_code == 304


def test_each_filter_has_its_own_copy(client, initiative, index_page):
    other = InitiativePageFactory(parent=index_page, title="Beta", slug="beta", country="MX")
    other.save_revision().publish()
    assert set(features(client.get(MAP))) == {initiative.pk, other.pk}
    assert set(features(client.get(f"{MAP}?country=MX"))) == {other.pk}
    hit = client.get(f"{MAP}?country=MX")
    assert hit["X-Page-Cache"] == "hit"
    assert set(features(hit)) == {other.pk}


def test_publish_move_and_unpublish_show_in_the_next_request(client, initiative, index_page):
    client.get(MAP)
    assert client.get(MAP)["X-Page-Cache"] == "hit"
    added = InitiativePageFactory(parent=index_page, title="Gamma", slug="gamma")
    added.save_revision().publish()
    assert added.pk in features(client.get(MAP))

    initiative.latitude, initiative.longitude = Decimal("-12.0464"), Decimal("-77.0428")
    initiative.save_revision().publish()
    assert features(client.get(MAP))[initiative.pk] == [-77.0428, -12.0464]

    client.get(MAP)
    added.unpublish()
    assert added.pk not in features(client.get(MAP))


def test_a_bulk_write_that_invalidates_shows_too(client, initiative):
    """Writes that bypass the signals (bulk imports, ``--scale``) call invalidate()."""
    from registry.models import InitiativePage

    client.get(MAP)
    InitiativePage.objects.filter(pk=initiative.pk).update(latitude=None)
    assert initiative.pk in features(client.get(MAP))  # stale until invalidated, as designed
    page_cache.invalidate()
    assert initiative.pk not in features(client.get(MAP))


def test_a_signed_in_member_gets_it_computed_with_the_same_public_headers(
    client, initiative, member
):
    client.get(MAP)
    client.force_login(member)
    response = client.get(MAP)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60"
    assert features(response) == {initiative.pk: [-75.5812, 6.2442]}


def test_the_marker_popup_is_cached_and_invalidated(client, initiative):
    url = reverse("registry:popup", args=[initiative.pk])
    assert client.get(url)["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.json()["name"] == "Alpha Cluster"
    assert hit["Cache-Control"] == "public, max-age=300"
    initiative.title = "Alpha Renamed"
    initiative.save_revision().publish()
    assert client.get(url).json()["name"] == "Alpha Renamed"


def test_only_a_public_response_can_be_shared():
    for value in ("private, max-age=60", "public, no-store", "max-age=60", "public, no-cache"):
        response = HttpResponse()
        response["Cache-Control"] = value
        with pytest.raises(ValueError, match="public"):
            page_cache.shared(response)
    response = HttpResponse()
    with pytest.raises(ValueError, match="public"):
        page_cache.shared(response)
    response["Cache-Control"] = "public, max-age=60"
    assert page_cache.shared(response) is response


def test_a_shared_response_that_sets_a_cookie_is_still_not_stored(rf):
    from django.contrib.auth.models import AnonymousUser

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "public, max-age=60"
        response.set_cookie("seen", "1")
        return page_cache.shared(response)

    middleware = page_cache.PageCacheMiddleware(view)
    for _ in range(2):
        request = rf.get("/somewhere/")
        request.user = AnonymousUser()
        response = middleware(request)
        assert response.get("X-Page-Cache") is None
