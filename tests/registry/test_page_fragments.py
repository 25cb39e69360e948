"""The registry's pages read what every visitor sees alike from shared fragments
(``portal.page_cache``): the initiative page's header, main column, managers, breadcrumbs and
JSON-LD, the list's count, cards and pagination, the known sector codes and the map layer.
Each must show a change in the very next response, with the full-page cache off (the tests'
settings), and a preview must never be stored."""

import json
from decimal import Decimal

from django.urls import reverse

import pytest

from registry.models import InitiativeIndicator, InitiativeManager, Sector
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_initiative_header_follows_a_published_edit(client, make_initiative):
    page = make_initiative(title="Old Name Cluster", summary="Old summary.")
    assert "Old Name Cluster" in html(client, page.url)
    page.title = "New Name Cluster"
    page.summary = "New summary."
    page.save_revision().publish()
    content = html(client, page.url)
    assert "New Name Cluster" in content and "New summary." in content
    assert "Old Name Cluster" not in content


def test_the_main_column_follows_new_sectors_tags_and_indicators(client, make_initiative):
    page = make_initiative(title="Main Cluster", tags=["coffee"], sectors=["62"])
    content = html(client, page.url)
    assert "cocoa" not in content and "2023" not in content
    page.tags.add("cocoa")
    page.sectors.add(Sector.objects.get(code="01"))
    page.save_revision().publish()
    InitiativeIndicator.objects.create(page=page, year=2023, members=12)
    content = html(client, page.url)
    assert "/tags/cocoa/" in content
    assert "?sector=01" in content
    assert "2023" in content
    # The JSON-LD's keywords come from the same tags.
    start = content.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(content[start : content.index("</script>", start)])
    assert "cocoa" in data["keywords"]


def test_the_managers_and_contact_link_follow_a_new_manager(client, make_initiative, make_user):
    page = make_initiative(title="Managed Cluster")
    content = html(client, page.url)
    assert "Managed by" not in content
    assert reverse("registry:claim", args=[page.pk]) in content
    manager = make_user(username="newmanager")
    InitiativeManager.objects.create(page=page, user=manager)
    content = html(client, page.url)
    assert "Managed by" in content and str(manager) in content
    assert reverse("community:contact_initiative", args=[page.pk]) in content
    assert reverse("registry:claim", args=[page.pk]) not in content


def test_a_manager_sees_the_edit_links_after_a_warm_anonymous_visit(
    client, make_initiative, make_user
):
    page = make_initiative(title="Rights Cluster")
    manager = make_user(username="rights", verified=True, groups=["Members", "Cluster managers"])
    InitiativeManager.objects.create(page=page, user=manager)
    assert reverse("registry:edit", args=[page.pk]) not in html(client, page.url)
    client.force_login(manager)
    assert reverse("registry:edit", args=[page.pk]) in html(client, page.url)


def test_the_breadcrumbs_follow_a_renamed_registry(client, make_initiative, index_page):
    page = make_initiative(title="Crumb Cluster")
    assert html(client, page.url).count(index_page.title) >= 1
    index_page.title = "Cluster Registry Renamed"
    index_page.save_revision().publish()
    assert "Cluster Registry Renamed" in html(client, page.url)
    assert "Cluster Registry Renamed" in html(client, index_page.url)


def test_a_preview_is_never_stored(client, make_initiative):
    page = make_initiative(title="Live Title Cluster", tags=["coffee"])
    assert "Live Title Cluster" in html(client, page.url)
    page.title = "Draft Title Cluster"
    preview = page.make_preview_request()
    assert "Draft Title Cluster" in preview.content.decode()
    content = html(client, page.url)
    assert "Live Title Cluster" in content and "Draft Title Cluster" not in content


def test_the_list_count_cards_and_pagination_follow_new_initiatives(
    client, make_initiative, index_page
):
    for number in range(24):
        InitiativePageFactory(parent=index_page, title=f"Listed {number:02}", country="CO")
    content = html(client, index_page.url)
    assert "24 initiatives" in content
    assert "?page=2" not in content
    InitiativePageFactory(parent=index_page, title="Listed 24", country="CO")
    content = html(client, index_page.url)
    assert "25 initiatives" in content
    assert "?page=2" in content
    assert "Listed 24" in html(client, index_page.url, page=2)
    filtered = html(client, index_page.url, country="CO", sort="newest")
    assert "25 initiatives" in filtered and "Listed 24" in filtered


def test_the_empty_list_follows_its_first_initiative(client, index_page):
    assert "No initiative matches these filters." in html(client, index_page.url, country="PE")
    InitiativePageFactory(parent=index_page, title="First Peruvian Cluster", country="PE")
    content = html(client, index_page.url, country="PE")
    assert "First Peruvian Cluster" in content
    assert "No initiative matches these filters." not in content


def test_a_new_sector_code_is_a_valid_filter_at_once(client, make_initiative, index_page):
    make_initiative(title="Sector Cluster", sectors=["62"])
    warning = "Some filters were ignored because they are not valid:"
    assert warning in html(client, index_page.url, sector="99X")
    Sector.objects.create(code="99X", name_en="A new sector")
    assert warning not in html(client, index_page.url, sector="99X")


def test_the_map_layer_follows_a_new_initiative_without_the_page_cache(
    client, make_initiative, index_page
):
    url = reverse("registry:map_geojson")
    make_initiative(title="Mapped", latitude=Decimal("6.2"), longitude=Decimal("-75.5"))
    first = client.get(url)
    ids = {feature["id"] for feature in first.json()["features"]}
    new = make_initiative(title="Also mapped", latitude=Decimal("4.6"), longitude=Decimal("-74.1"))
    second = client.get(url)
    assert {feature["id"] for feature in second.json()["features"]} == ids | {new.pk}
    assert second["ETag"] != first["ETag"]
    # Validators still answer 304 from the kept layer.
    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    # Each filter keeps its own layer.
    filtered = client.get(url, {"country": "MX"}).json()["features"]
    assert filtered == []
