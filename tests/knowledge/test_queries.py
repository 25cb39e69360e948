"""The number of queries of the tag page, topic page, practice page, listing and search does
not grow with the amount of content."""

import pytest

from portal import page_cache
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory
from tests.querycounts import assert_constant_queries, assert_constant_queries_of

pytestmark = pytest.mark.django_db

# Constant whatever the data size. The ceilings are today's counts: the shared layout (the
# localized root, the page, its translations for the language switcher) costs three of them;
# the knowledge pages are shared fragments whose context is read only when they are not stored,
# so a stored page adds none (the feeds and tag pages do; cold pages: COLD_QUERIES below).
MAX_QUERIES = {
    "/tags/coffee/": 13,
    "/tags/": 4,
    "/topics/main-topic/": 3,
    "/practices/": 3,
    "/practices/?tag=coffee&country=CO": 3,
    "/search/?q=practice": 11,
    "/search/?q=practice&type=practices": 11,
    "/practices/feed/": 2,
    "/tags/coffee/feed/": 10,  # the tag, then one query per tagged type (nothing prefetched)
    "/news/": 3,
    "/topics/": 3,
}
PRACTICE_PAGE_QUERIES = 3
# The same pages just after a write to public content (nothing stored): what they add to the
# layout is constant and small (a list: count, page, tags in one query, the filter choices; the
# topic page: one or two queries per content type, whatever the number of tags).
COLD_QUERIES = {
    "/topics/main-topic/": 20,
    "/practices/": 14,
    "/practices/?tag=coffee&country=CO": 14,
    "/news/": 10,
    "/topics/": 10,
}
COLD_PRACTICE_PAGE_QUERIES = 13


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


@pytest.mark.parametrize("url", list(MAX_QUERIES))
def test_queries_do_not_grow_with_content(
    client, practice_index, topic_index, news_index, topic, url
):
    add_content(practice_index, topic_index, news_index, 2)
    assert_constant_queries(
        client,
        url,
        grow=lambda: add_content(practice_index, topic_index, news_index, 13),
        most=MAX_QUERIES[url],
    )


def cold(client, url):
    """GET ``url`` with nothing stored: as after any write to public content."""

    def get():
        page_cache.invalidate()
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return response

    return get


@pytest.mark.parametrize("url", list(COLD_QUERIES))
def test_cold_pages_queries_do_not_grow_with_content(
    client, practice_index, topic_index, news_index, topic, url
):
    add_content(practice_index, topic_index, news_index, 2)
    assert_constant_queries_of(
        cold(client, url),
        grow=lambda: add_content(practice_index, topic_index, news_index, 13),
        most=COLD_QUERIES[url],
    )


def practice_with_authors(practice_index, make_user):
    """A practice and a ``grow()`` that adds authors, tags and figures to it."""
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

    return page, grow


def test_cold_practice_page_queries_do_not_grow(client, practice_index, make_user):
    page, grow = practice_with_authors(practice_index, make_user)
    assert_constant_queries_of(cold(client, page.url), grow=grow, most=COLD_PRACTICE_PAGE_QUERIES)


def test_practice_page_queries_do_not_grow(
    client, practice_index, topic_index, news_index, make_user
):
    page, grow = practice_with_authors(practice_index, make_user)
    assert_constant_queries(client, page.url, grow=grow, most=PRACTICE_PAGE_QUERIES)


def test_topic_page_queries_do_not_grow_with_its_tags(
    client, monkeypatch, practice_index, topic_index, news_index, topic
):
    """Related content is read once per content type for all the topic's tags (it was one
    query per tag for some types)."""
    # The registry's initiatives answer per tag until it registers ``items_for_tags``
    # (registry/wagtail_hooks.py): left out here, this test is about the other apps' types.
    from knowledge import selectors
    from portal.tagging import tagged_types

    monkeypatch.setattr(
        selectors, "tagged_types", lambda: [t for t in tagged_types() if t.key != "initiatives"]
    )
    add_content(practice_index, topic_index, news_index, 2)

    def grow():
        topic.tags.add("water", "soil", "energy", "tourism")
        topic.save_revision().publish()
        add_content(practice_index, topic_index, news_index, 4)

    assert_constant_queries(client, topic.url, grow=grow, most=MAX_QUERIES["/topics/main-topic/"])


@pytest.mark.parametrize("key", ["practices", "topics", "news", "events", "members"])
def test_items_for_tags_is_one_query_whatever_the_number_of_tags(
    rf, practice_index, topic_index, news_index, key
):
    """``TaggedType.items_for_tags`` of the knowledge, events and community types: the same
    queries for one tag as for five, each item once even when it carries several of them."""
    from django.contrib.auth.models import AnonymousUser

    from portal.models import Tag
    from portal.tagging import tagged_type
    from tests.querycounts import captured_queries

    add_content(practice_index, topic_index, news_index, 3)
    request = rf.get("/")
    request.user = AnonymousUser()
    tagged = tagged_type(key)
    Tag.objects.bulk_create([Tag(name=f"extra {n}", slug=f"extra-{n}") for n in range(3)])
    tags = list(Tag.objects.order_by("pk"))
    tagged.items_for_any_tag(tags, request, limit=6)  # warms the caches (restricted paths)
    _items, one = captured_queries(lambda: tagged.items_for_any_tag(tags[:1], request, limit=6))
    items, many = captured_queries(lambda: tagged.items_for_any_tag(tags, request, limit=6))
    assert len(many) == len(one)
    assert len({item.pk for item in items}) == len(items)
    if key in ("practices", "news", "topics"):
        assert items, "every knowledge item carries coffee"


def test_practice_links_its_initiatives_and_topics_from_one_query(
    practice_index, topic_index, home_page, django_assert_num_queries
):
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    registry = InitiativeIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(parent=registry, title="Linked initiative")
    topic = ResearchTopicPageFactory(parent=topic_index, title="Linked topic")
    draft_topic = ResearchTopicPageFactory(parent=topic_index, title="Draft topic")
    draft_topic.unpublish()
    page = PracticePageFactory(parent=practice_index)
    page.initiatives.set([initiative])
    page.topics.set([topic, draft_topic])
    page.save()
    page.linked_pages()  # warms the caches (restricted paths)
    with django_assert_num_queries(1):
        initiatives, topics = page.linked_pages()
    assert [p.title for p in initiatives] == ["Linked initiative"]
    assert [p.title for p in topics] == ["Linked topic"]
