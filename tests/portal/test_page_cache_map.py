"""The registry's map layer from the shared fragments (no query, plain or gzipped, the view's
own headers: public max-age, ETag, Last-Modified, Vary) and its marker popups from the
anonymous page cache; each filter has its own copy, and a change to an initiative shows in the
next request."""

import gzip
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


def test_the_map_layer_costs_no_query_and_keeps_its_headers(client, initiative):
    first = client.get(MAP)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(MAP)
    assert len(queries) == 0  # from the shared fragment
    # Not in the page cache: its key does not name the encoding (see the gzip tests below).
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in again
    assert again.content == first.content
    assert features(again) == {initiative.pk: [-75.5812, 6.2442]}
    # The view's own headers: a proxy or browser may keep it a minute and revalidate.
    assert again["Cache-Control"] == "public, max-age=60"
    assert again["Content-Type"] == "application/geo+json"
    assert "Accept-Encoding" in again["Vary"]
    assert "Content-Encoding" not in again
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Access-Control-Allow-Origin"] == "*"
    not_modified = client.get(MAP, headers={"If-None-Match": again["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == again["ETag"]


def test_a_client_that_accepts_gzip_gets_the_same_layer_gzipped(client, initiative, index_page):
    for number in range(30):
        InitiativePageFactory(parent=index_page, title=f"Cluster {number}", slug=f"c-{number}")
    plain = client.get(MAP)
    with CaptureQueriesContext(connection) as queries:
        packed = client.get(MAP, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert len(queries) == 0
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    # Two representations, two validators: each revalidates against its own.
    assert packed["ETag"] != plain["ETag"]
    assert client.get(MAP, headers={"If-None-Match": plain["ETag"]}).status_code == 304
    assert (
        client.get(
            MAP, headers={"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]}
        ).status_code
        == 304
    )
    assert (
        client.get(MAP, headers={"Accept-Encoding": "gzip", "If-None-Match": plain["ETag"]})[
            "Content-Encoding"
        ]
        == "gzip"
    )
    # A client that asked for neither after one that asked for gzip still gets plain JSON.
    assert "Content-Encoding" not in client.get(MAP, headers={"Accept-Encoding": "identity"})


def test_the_gzipped_layer_follows_a_write_at_once(client, initiative, index_page):
    client.get(MAP, headers={"Accept-Encoding": "gzip"})
    added = InitiativePageFactory(parent=index_page, title="Gamma", slug="gamma")
    added.save_revision().publish()
    packed = client.get(MAP, headers={"Accept-Encoding": "gzip"})
    ids = {f["id"] for f in json.loads(gzip.decompress(packed.content))["features"]}
    assert ids == {initiative.pk, added.pk}


def test_each_filter_has_its_own_copy(client, initiative, index_page):
    other = InitiativePageFactory(parent=index_page, title="Beta", slug="beta", country="MX")
    other.save_revision().publish()
    assert set(features(client.get(MAP))) == {initiative.pk, other.pk}
    assert set(features(client.get(f"{MAP}?country=MX"))) == {other.pk}
    assert set(features(client.get(f"{MAP}?country=MX"))) == {other.pk}
    assert set(features(client.get(MAP))) == {initiative.pk, other.pk}


def test_publish_move_and_unpublish_show_in_the_next_request(client, initiative, index_page):
    client.get(MAP)
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


def test_a_signed_in_member_gets_the_same_layer_and_public_headers(client, initiative, member):
    anonymous = client.get(MAP)
    client.force_login(member)
    response = client.get(MAP)
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.content == anonymous.content
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
