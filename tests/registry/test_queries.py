"""Query counts stay flat between 20 and 200 initiatives."""

from decimal import Decimal

from django.urls import reverse

import pytest

from registry.demo import synthetic
from registry.models import InitiativeManager
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

# Warm (the shared fragments of portal.page_cache filled), the list and the initiative page
# cost what routing and the layout cost: Wagtail's routing (2: the localized root, the page and
# its specific row) and the language switcher's translations (1). The cards, pagination and
# facets of the list, and the initiative's related rows, related content and other apps'
# sections are read only when their fragment is rendered; the list's count, the managers,
# breadcrumbs and JSON-LD come from the shared cache. A signed-in manager 6 more (session,
# user, permissions, follow and claim state).
MAX_LIST = 3
MAX_DETAIL = 3
MAX_DETAIL_SIGNED_IN = 9
MAX_GEOJSON = 6


def grow(index_page, count):
    """Brings the number of synthetic initiatives up to ``count``."""
    import io
    import random

    synthetic(index=index_page, count=count, rng=random.Random(1), stdout=io.StringIO())


@pytest.fixture
def sample(make_initiative, member):
    page = make_initiative(
        title="Sample Cluster",
        slug="sample-cluster",
        # The most used synthetic tag: similar initiatives exist at both sizes, so that both
        # counts include loading them (a query skipped on an empty list is no evidence).
        tags=["agro-industry", "software"],
        sectors=["62"],
        latitude=Decimal("6.2"),
        longitude=Decimal("-75.5"),
    )
    InitiativeManager.objects.create(page=page, user=member)
    return page


def test_list_page_queries(client, index_page, sample):
    grow(index_page, 20)
    assert_constant_queries(
        client,
        "/initiatives/?country=CO&tag=software",
        grow=lambda: grow(index_page, 200),
        most=MAX_LIST,
    )


def test_initiative_page_queries(client, index_page, sample):
    grow(index_page, 20)
    assert_constant_queries(client, sample.url, grow=lambda: grow(index_page, 200), most=MAX_DETAIL)


def test_initiative_page_queries_signed_in(client, index_page, sample, member):
    """A manager sees the follow button, the edit links and the contact address: the count
    stays flat too."""
    grow(index_page, 20)
    client.force_login(member)
    assert_constant_queries(
        client, sample.url, grow=lambda: grow(index_page, 200), most=MAX_DETAIL_SIGNED_IN
    )
    assert reverse("community:follow").encode() in client.get(sample.url).content


@pytest.mark.parametrize(
    "name", ["registry:map_geojson", "registry:geojson", "registry:csv", "registry:json"]
)
def test_open_data_queries(client, index_page, sample, name):
    grow(index_page, 20)
    url = reverse(name)
    assert_constant_queries(client, url, grow=lambda: grow(index_page, 200), most=MAX_GEOJSON)
    assert len(client.get(url).content) > 200 * 20
