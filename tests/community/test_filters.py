"""The member directory's filters (community/filters.py): django-filter like every list."""

from django.urls import reverse

import pytest

from portal.models import Tag

pytestmark = pytest.mark.django_db


def names(response):
    return [card["profile"].display_name for card in response.context["cards"]]


@pytest.fixture
def client(client, member):
    """A signed-in member: the directory shows members-only profiles too."""
    client.force_login(member)
    return client


@pytest.fixture
def members(make_profile):
    ana = make_profile("ana", expertise=["coffee"], country="CO")
    ana.organization_type = "chamber"
    ana.languages = ["es"]
    ana.save()
    bruno = make_profile("bruno", expertise=["logistics"], country="BR")
    bruno.languages = ["pt"]
    bruno.save()
    return ana, bruno


def test_each_filter_narrows_the_directory(client, members):
    ana, bruno = members
    url = reverse("community:directory")
    assert names(client.get(url, {"tag": "coffee"})) == [ana.display_name]
    assert names(client.get(url, {"country": "br"})) == [bruno.display_name]
    assert names(client.get(url, {"organization_type": "chamber"})) == [ana.display_name]
    assert names(client.get(url, {"language": "pt"})) == [bruno.display_name]
    # Links made before the spelling was unified still filter.
    assert names(client.get(url, {"organisation_type": "chamber"})) == [ana.display_name]


def test_a_label_in_another_language_names_the_tag(client, members):
    ana, _bruno = members
    Tag.objects.filter(name="coffee").update(name_es="café")
    response = client.get(reverse("community:directory"), {"tag": "Café"})
    assert names(response) == [ana.display_name]
    assert response.context["tag"].slug == "coffee"


def test_bad_values_are_left_out_and_the_others_still_apply(client, members):
    ana, _bruno = members
    url = reverse("community:directory")
    response = client.get(url, {"organization_type": "nonsense", "country": "COL", "tag": "coffee"})
    assert response.status_code == 200
    assert names(response) == [ana.display_name]
    assert response.context["organization_type"] == ""
    assert names(client.get(url, {"tag": "no-such-tag"})) == []


def test_out_of_range_page_is_the_last_page(client, make_profile):
    for number in range(26):
        make_profile(f"m{number:02d}")
    response = client.get(reverse("community:directory"), {"page": 99})
    assert response.context["page_obj"].number == 2
