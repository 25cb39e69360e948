"""Query counts stay flat between 20 and 200 initiatives."""

from decimal import Decimal

from django.urls import reverse

import pytest

from registry.demo import synthetic
from registry.models import InitiativeManager

pytestmark = pytest.mark.django_db

# Wagtail's own routing and serving take 7 of the list page's queries (site, locale, the page
# path, aliases, view restrictions); the registry adds a fixed 10: view restrictions, count,
# page of cards, the five facet sources, site settings, the home page for the breadcrumbs; the
# main menu one (portal/navigation.py).
MAX_LIST = 18
# The initiative page includes the related content other apps register (their queries).
MAX_DETAIL = 40
MAX_GEOJSON = 10


def grow(index_page, count):
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


@pytest.mark.parametrize("size", [20, 200])
def test_list_page_queries(client, index_page, sample, size, django_assert_max_num_queries):
    grow(index_page, size)
    client.get("/initiatives/")  # warm caches (site root paths, settings)
    with django_assert_max_num_queries(MAX_LIST):
        response = client.get("/initiatives/", {"country": "CO", "tag": "software"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 200])
def test_initiative_page_queries(client, index_page, sample, size, django_assert_max_num_queries):
    grow(index_page, size)
    client.get(sample.url)
    with django_assert_max_num_queries(MAX_DETAIL):
        response = client.get(sample.url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 200])
def test_initiative_page_queries_signed_in(
    client, index_page, sample, member, size, django_assert_max_num_queries
):
    """A manager sees the follow button, the edit links and the contact address: the count
    stays flat too."""
    grow(index_page, size)
    client.force_login(member)
    client.get(sample.url)
    with django_assert_max_num_queries(MAX_DETAIL):
        response = client.get(sample.url)
    assert response.status_code == 200
    assert reverse("community:follow").encode() in response.content


@pytest.mark.parametrize(
    "name", ["registry:map_geojson", "registry:geojson", "registry:csv", "registry:json"]
)
@pytest.mark.parametrize("size", [20, 200])
def test_open_data_queries(client, index_page, sample, size, name, django_assert_max_num_queries):
    grow(index_page, size)
    client.get(reverse(name))
    with django_assert_max_num_queries(MAX_GEOJSON):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.content) > size * 20
