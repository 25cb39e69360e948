"""Query counts stay flat between 20 and 200 initiatives."""

from decimal import Decimal

from django.urls import reverse

import pytest

from registry.demo import synthetic
from registry.models import InitiativeManager
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

# Wagtail's own routing takes 5 of the list page's queries (site, locale, root page, the page
# and its specific row; view restrictions and the portal settings come from the shared cache);
# the layout one (the language switcher's translations with the main menu's pages); the
# registry the rest: page of cards, facet sources.
MAX_LIST = 12
# The initiative page includes the related content other apps register (their queries); a
# signed-in manager 6 more (session, user, permissions, follow and claim state).
# +2: the initiative's discussions (one query while it has under 5 threads) and the threads
# among its related content; +1: the "Verified by" page section (registry/verification.py);
# +2: joint projects, their related content (a tagged type) and their page section.
MAX_DETAIL = 24
MAX_DETAIL_SIGNED_IN = 30
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
