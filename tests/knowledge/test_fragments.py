"""The knowledge pages as shared fragments (``{% shared_fragment %}`` with a context of
``knowledge.models.base.deferred`` values): a stored page reads none of its context, and the
next GET after a write to public content shows the change.

Each freshness test follows the pattern of tests/portal/test_fragments.py: a GET stores the
fragment (the page cache is off, as for a signed-in visitor), the change happens, and the next
GET shows it."""

from django.utils import translation
from django.utils.functional import empty

import pytest

from knowledge.filters import PracticeFilterSet
from knowledge.models.base import deferred
from knowledge.models.practices import FILTER_NAMES
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settings_row():
    from portal.models import PortalSettings

    # The first page ever served creates the settings row (a write: a new generation).
    PortalSettings.load()


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def publish(page):
    page.save_revision().publish()


# -- The context is read only when the fragment is not stored --------------------------------


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/practices/", ["page_obj", "practices", "filter_form"]),
        ("/practices/?country=CO", ["page_obj", "practices", "filter_form"]),
        ("/topics/", ["page_obj", "topics"]),
        ("/news/", ["page_obj", "news_items"]),
        ("/practices/dryers/", ["tags", "authors", "figures", "initiatives", "sectors"]),
        ("/topics/water/", ["topic_tags", "coordinator_profiles", "sections"]),
    ],
)
def test_a_stored_page_reads_none_of_its_context(
    client, practice_index, topic_index, news_index, url, names
):
    PracticePageFactory(parent=practice_index, slug="dryers", country="CO", tags=["water"])
    ResearchTopicPageFactory(parent=topic_index, slug="water", tags=["water"])
    NewsPageFactory(parent=news_index, tags=["water"])
    cold = client.get(url)
    assert all(cold.context[name]._wrapped is not empty for name in names)
    warm = client.get(url)
    assert warm.content == cold.content
    assert all(warm.context[name]._wrapped is empty for name in names)
    # A test (or a template outside the fragment) reading it still gets the value.
    assert warm.context[names[0]]


def test_a_stored_list_costs_fewer_queries_than_building_it(client, practice_index):
    from tests.querycounts import captured_queries

    for number in range(3):
        PracticePageFactory(parent=practice_index, tags=["coffee"], title=f"P{number}")
    _response, cold = captured_queries(lambda: client.get("/practices/"))
    _response, warm = captured_queries(lambda: client.get("/practices/"))
    # No count, no page of cards, no tags, no topic or sector choices.
    assert len(warm) <= len(cold) - 4


def test_deferred_values_are_computed_once_in_the_language_of_their_request():
    calls = []

    def compute():
        calls.append(translation.get_language())
        return ["value"]

    with translation.override("es"):
        value = deferred(compute)
    with translation.override("pt"):
        assert list(value) == ["value"]
        assert value[0] == "value"
    assert calls == ["es"]


def test_the_filter_names_are_the_filter_sets():
    assert set(FILTER_NAMES) == set(PracticeFilterSet.base_filters)


# -- Freshness ------------------------------------------------------------------------------


def test_the_practice_filters_follow_a_new_topic(client, practice_index, topic_index):
    PracticePageFactory(parent=practice_index)
    assert "Mangrove restoration" not in html_of(client, "/practices/")
    ResearchTopicPageFactory(parent=topic_index, title="Mangrove restoration")
    assert "Mangrove restoration" in html_of(client, "/practices/")


def test_the_clear_filters_link_follows_the_address(client, practice_index):
    PracticePageFactory(parent=practice_index, country="CO")
    assert "Clear filters" not in html_of(client, "/practices/")
    assert "Clear filters" in html_of(client, "/practices/?country=CO")
    # An invalid value filters nothing: no link, and its own copy of the fragment.
    response = client.get("/practices/?country=XX")
    assert "Clear filters" not in response.content.decode()
    assert response.context["active_filters"] is False


def test_the_practice_page_follows_an_edit(client, practice_index, topic_index):
    practice = PracticePageFactory(parent=practice_index, slug="dryers", tags=["coffee"])
    topic = ResearchTopicPageFactory(parent=topic_index, title="Solar drying")
    assert "Dryers shared by forty growers" not in html_of(client, "/practices/dryers/")
    practice.summary = "Dryers shared by forty growers"
    practice.tags.add("solar")
    practice.topics.add(topic)
    practice.figures.create(value=-35, unit="%", label="post-harvest losses")
    publish(practice)
    html = html_of(client, "/practices/dryers/")
    assert "Dryers shared by forty growers" in html
    assert 'href="/tags/solar/"' in html
    assert "Solar drying" in html
    assert "post-harvest losses" in html


def test_the_practice_page_shows_the_edit_link_to_its_editors_only(
    client, practice_index, moderator
):
    PracticePageFactory(parent=practice_index, slug="dryers")
    assert "Edit this practice" not in html_of(client, "/practices/dryers/")
    client.force_login(moderator)
    assert "Edit this practice" in html_of(client, "/practices/dryers/")
    client.logout()
    assert "Edit this practice" not in html_of(client, "/practices/dryers/")


def test_the_topic_page_follows_its_tags_and_coordinators(
    client, practice_index, topic_index, make_user
):
    from community.models import MemberProfile

    topic = ResearchTopicPageFactory(parent=topic_index, slug="water", tags=["water"])
    assert "Drip irrigation" not in html_of(client, "/topics/water/")
    PracticePageFactory(parent=practice_index, title="Drip irrigation", tags=["irrigation"])
    topic.tags.add("irrigation")
    profile, _created = MemberProfile.objects.get_or_create(user=make_user(username="carla"))
    profile.display_name = "Coordinator Carla"
    profile.save()
    topic.coordinators.add(profile)
    publish(topic)
    html = html_of(client, "/topics/water/")
    assert 'href="/tags/irrigation/"' in html
    assert "Drip irrigation" in html
    assert "Coordinator Carla" in html


def test_the_topic_page_follow_button_stays_the_visitors(client, topic_index, make_user):
    ResearchTopicPageFactory(parent=topic_index, slug="water", tags=["water"])
    assert "Log in to follow" in html_of(client, "/topics/water/")
    client.force_login(make_user(username="follower", verified=True))
    html = html_of(client, "/topics/water/")
    assert "Log in to follow" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_topic_list_follows_a_new_topic_on_every_page(client, topic_index):
    for number in range(25):
        ResearchTopicPageFactory(parent=topic_index, title=f"Topic {number:02d}")
    assert "Topic 24" in html_of(client, "/topics/?page=2")
    assert "Aardvark studies" not in html_of(client, "/topics/")
    ResearchTopicPageFactory(parent=topic_index, title="Aardvark studies")
    assert "Aardvark studies" in html_of(client, "/topics/")
    # Sorted by title: "Topic 24" moved to the second page, "Topic 23" with it.
    assert "Topic 23" in html_of(client, "/topics/?page=2")


def test_the_news_list_and_item_follow_an_edit(client, news_index):
    item = NewsPageFactory(parent=news_index, slug="call", title="Call for proposals")
    assert "Call for proposals" in html_of(client, "/news/")
    assert "Deadline extended" not in html_of(client, "/news/call/")
    item.title = "Call for proposals: deadline extended"
    item.summary = "Deadline extended to June."
    publish(item)
    assert "deadline extended" in html_of(client, "/news/")
    assert "Deadline extended to June." in html_of(client, "/news/call/")
    item.unpublish()
    assert "deadline extended" not in html_of(client, "/news/")


def test_a_preview_shows_the_draft_not_the_stored_page(client, practice_index):
    practice = PracticePageFactory(parent=practice_index, slug="dryers", summary="Live summary")
    practice.summary = "Draft summary"
    draft = practice.save_revision().as_object()
    # The live page, stored after the draft was saved: the preview must not read it.
    assert "Live summary" in html_of(client, "/practices/dryers/")
    html = draft.make_preview_request().rendered_content
    assert "Draft summary" in html
    assert "Live summary" not in html
