"""The number of queries of the tag page, topic page, practice page, listing and search does
not grow with the amount of content."""

import pytest

from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

# Constant whatever the data size. The ceilings are today's counts: the shared layout (site,
# locale, Wagtail's routing, alias and view-restriction checks, menu, settings) costs about ten
# of them and is being cut in portal/; what each page adds is constant and small (the topic
# page: one or two queries per content type, whatever the number of tags; a list: count, page,
# tags in one query, the filter choices).
MAX_QUERIES = {
    "/tags/coffee/": 13,
    "/tags/": 4,
    "/topics/main-topic/": 20,
    "/practices/": 16,
    "/practices/?tag=coffee&country=CO": 16,
    "/search/?q=practice": 11,
    "/search/?q=practice&type=practices": 11,
    "/practices/feed/": 2,
    "/tags/coffee/feed/": 10,  # the tag, then one query per tagged type (nothing prefetched)
    "/news/": 14,
    "/topics/": 14,
}
PRACTICE_PAGE_QUERIES = 17


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
