"""Query counts stay flat between 20 and 200 initiatives."""

from decimal import Decimal

from django.urls import reverse

import pytest

from registry.demo import synthetic
from registry.models import InitiativeManager
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

# Wagtail's own routing and serving take 7 of the list page's queries (site, locale, the page
# path, aliases, view restrictions); the registry adds a fixed 7: count, page of cards, the
# four facet sources, site settings; the layout two (the language switcher's translations,
# the main menu).
MAX_LIST = 16
# The initiative page includes the related content other apps register (their queries).
MAX_DETAIL = 34
MAX_GEOJSON = 10


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
        tags=["software", "innovation"],
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
    assert_constant_queries(client, sample.url, grow=lambda: grow(index_page, 200), most=MAX_DETAIL)
    assert reverse("community:follow").encode() in client.get(sample.url).content


@pytest.mark.parametrize(
    "name", ["registry:map_geojson", "registry:geojson", "registry:csv", "registry:json"]
)
def test_open_data_queries(client, index_page, sample, name):
    grow(index_page, 20)
    url = reverse(name)
    assert_constant_queries(client, url, grow=lambda: grow(index_page, 200), most=MAX_GEOJSON)
    assert len(client.get(url).content) > 200 * 20
