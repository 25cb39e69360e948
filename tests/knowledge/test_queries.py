"""The number of queries of the tag page, topic page, practice page, listing and search does
not grow with the amount of content."""

import pytest

from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

# Constant whatever the data size; the topic page is the heaviest (two queries per content
# type of every app, and other apps' ``items_for_tag`` check view restrictions per call).
MAX_QUERIES = 35


def add_content(practice_index, topic_index, news_index, count, profiles=()):
    for _ in range(count):
        practice = PracticePageFactory(parent=practice_index, tags=["coffee", "quality", "water"])
        practice.figures.create(value=3, unit="%", label="more")
        if profiles:
            practice.authors.set(profiles)
            practice.save()
        NewsPageFactory(parent=news_index, tags=["coffee"])
        ResearchTopicPageFactory(parent=topic_index, tags=["coffee", "water"], title="Coffee topic")


@pytest.fixture
def topic(topic_index):
    return ResearchTopicPageFactory(
        parent=topic_index, tags=["coffee", "quality"], slug="main-topic"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/tags/coffee/",
        "/tags/",
        "/topics/main-topic/",
        "/practices/",
        "/practices/?tag=coffee&country=CO",
        "/search/?q=practice",
        "/search/?q=practice&type=practices",
        "/practices/feed/",
        "/tags/coffee/feed/",
        "/news/",
        "/topics/",
    ],
)
def test_queries_do_not_grow_with_content(
    client, practice_index, topic_index, news_index, topic, url
):
    add_content(practice_index, topic_index, news_index, 2)
    assert_constant_queries(
        client,
        url,
        grow=lambda: add_content(practice_index, topic_index, news_index, 13),
        most=MAX_QUERIES,
    )


def test_practice_page_queries_do_not_grow(
    client, practice_index, topic_index, news_index, make_user
):
    from community.models import MemberProfile

    users = [make_user(username=f"author{n}") for n in range(4)]
    profiles = [
        MemberProfile.objects.get_or_create(user=u, defaults={"display_name": u.username})[0]
        for u in users
    ]
    page = PracticePageFactory(parent=practice_index, tags=["a"])
    page.authors.set(profiles[:1])
    page.save()

    def grow():
        page.authors.set(profiles)
        page.tags.add("b", "c", "d", "e")
        for n in range(6):
            page.figures.create(value=n, unit="%", label=f"figure {n}")
        page.save()

    assert_constant_queries(client, page.url, grow=grow, most=MAX_QUERIES)
