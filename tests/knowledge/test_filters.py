"""The practices' FilterSet, and ``Paginator.get_page`` on every knowledge list: a page past
the end shows the last page, a page that is not a number the first."""

import pytest

from knowledge.filters import PracticeFilterSet
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(practice_index, topic_index):
    topic = ResearchTopicPageFactory(parent=topic_index, title="Water", tags=["water"])
    peru = PracticePageFactory(
        parent=practice_index, title="Peru water", country="PE", tags=["water", "coffee"]
    )
    colombia = PracticePageFactory(
        parent=practice_index, title="Colombia coffee", country="CO", tags=["coffee"]
    )
    return {"topic": topic, "peru": peru, "colombia": colombia}


def titles(filterset):
    return sorted(p.title for p in filterset.qs)


def test_valid_filters_combine(practices):
    assert titles(PracticeFilterSet({"tag": "coffee"})) == ["Colombia coffee", "Peru water"]
    assert titles(PracticeFilterSet({"tag": "coffee", "country": "PE"})) == ["Peru water"]
    assert titles(PracticeFilterSet({"topic": str(practices["topic"].pk)})) == ["Peru water"]


def test_a_practice_matching_twice_is_listed_once(practices):
    # Tagged "water" and linked to the water topic through its tags: one card, not two.
    practices["peru"].topics.add(practices["topic"])
    practices["peru"].save_revision().publish()
    filterset = PracticeFilterSet({"topic": str(practices["topic"].pk)})
    assert [p.title for p in filterset.qs] == ["Peru water"]


def test_an_invalid_value_is_dropped_and_the_other_filters_still_apply(practices):
    filterset = PracticeFilterSet({"country": "XX", "tag": "coffee", "topic": "abc"})
    assert set(filterset.errors) == {"country", "topic"}
    assert titles(filterset) == ["Colombia coffee", "Peru water"]
    assert filterset.active is True


def test_no_valid_filter_is_not_active(practices):
    assert PracticeFilterSet({"country": "XX"}).active is False
    assert PracticeFilterSet({}).active is False
    assert PracticeFilterSet({"country": "CO"}).active is True


def test_an_unknown_topic_matches_nothing(practices):
    assert titles(PracticeFilterSet({"topic": "999999"})) == []


def test_the_listing_keeps_the_valid_filters_and_shows_the_errors(client, practices):
    response = client.get("/practices/", {"country": "XX", "tag": "coffee"})
    assert response.status_code == 200
    assert sorted(p.title for p in response.context["practices"]) == [
        "Colombia coffee",
        "Peru water",
    ]
    assert "country" in response.context["filter_form"].errors


# --- pagination -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [("", 1), ("2", 2), ("3", 3), ("99", 3), ("abc", 1), ("0", 3), ("-1", 3)],
)
def test_practice_list_pages(client, practice_index, monkeypatch, page, expected):
    monkeypatch.setattr("knowledge.models.practices.PER_PAGE", 2)
    for n in range(5):
        PracticePageFactory(parent=practice_index, title=f"Practice {n}")
    response = client.get("/practices/", {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert response.context["page_obj"].paginator.num_pages == 3


def test_topic_list_out_of_range_is_the_last_page(client, topic_index, monkeypatch):
    monkeypatch.setattr("knowledge.models.topics.TOPICS_PER_PAGE", 2)
    for n in range(3):
        ResearchTopicPageFactory(parent=topic_index, title=f"Topic {n}")
    assert client.get("/topics/?page=99").context["page_obj"].number == 2
    assert client.get("/topics/?page=x").context["page_obj"].number == 1


def test_news_list_out_of_range_is_the_last_page(client, news_index, monkeypatch):
    monkeypatch.setattr("knowledge.models.news.PER_PAGE", 2)
    for n in range(3):
        NewsPageFactory(parent=news_index, title=f"News {n}")
    assert client.get("/news/?page=99").context["page_obj"].number == 2
    assert client.get("/news/?page=x").context["page_obj"].number == 1


def test_search_out_of_range_is_the_last_page(client, practice_index, monkeypatch):
    monkeypatch.setattr("portal.site_views.SEARCH_PER_PAGE", 2)
    for n in range(3):
        PracticePageFactory(parent=practice_index, title=f"Amaranth {n}")
    assert client.get("/search/?q=amaranth&page=99").context["page_obj"].number == 2
    assert client.get("/search/?q=amaranth&page=x").context["page_obj"].number == 1


def test_pagination_links_keep_the_filters(client, practice_index, monkeypatch):
    monkeypatch.setattr("knowledge.models.practices.PER_PAGE", 1)
    for n in range(3):
        PracticePageFactory(parent=practice_index, title=f"Practice {n}", country="PE")
    content = client.get("/practices/", {"country": "PE", "page": "2"}).content.decode()
    assert 'rel="prev" href="?country=PE&amp;page=1"' in content
    assert 'rel="next" href="?country=PE&amp;page=3"' in content


@pytest.mark.parametrize("value", ["", "CO", "A", "zz", None])
def test_quick_select_renders_as_djangos_select(value):
    """The filters' selects (portal.quickselect) write exactly the HTML of ``forms.Select``:
    escaping, groups, the first matching option selected, boolean attributes."""
    from django import forms

    from knowledge.forms import country_choices
    from portal.quickselect import QuickSelect

    choices = [
        ("", "Any"),
        ("CO", "Colombia & <Co>"),
        ('Group "1"', [("A", "Agriculture"), ("B", 'Quote "b"')]),
        (3, "three"),
        ("CO", "twice"),
        *country_choices(),
    ]
    attrs = {"id": "id_country", "aria-describedby": "help", "required": True, "hidden": False}
    expected = forms.Select(choices=choices, attrs=attrs).render("country", value)
    assert QuickSelect(choices=choices, attrs=attrs).render("country", value) == expected
