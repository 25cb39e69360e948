"""The discussion pages cost the same number of queries with 3 or 30 items."""

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.discussions import ReplyFactory, ThreadFactory
from tests.querycounts import assert_constant_queries, assert_constant_queries_of

pytestmark = pytest.mark.django_db


def _threads(count, **kwargs):
    def grow():
        for _n in range(count):
            thread = ThreadFactory(tags=["logistics", "ports"], **kwargs)
            ReplyFactory(thread=thread)

    return grow


@pytest.fixture
def few(topic):
    _threads(3, space=topic)()
    _threads(3)()


@pytest.mark.parametrize("signed_in", [False, True])
def test_lists(client, topic, few, member, signed_in):
    if signed_in:
        client.force_login(member)
    for url in ("/discussions/", "/discussions/general/", f"/discussions/space/{topic.pk}/"):
        grow = _threads(15, space=topic) if "space" in url else _threads(15)
        assert_constant_queries(client, url, grow=grow, most=12)


def test_tag_filter_list(client, few):
    assert_constant_queries(client, "/discussions/?tag=logistics", grow=_threads(15), most=12)


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page(client, member, signed_in):
    thread = ThreadFactory(tags=["logistics"])
    quoted = ReplyFactory(thread=thread)
    ReplyFactory(thread=thread, quote=quoted)
    if signed_in:
        client.force_login(member)

    def grow():
        for _n in range(27):
            ReplyFactory(thread=thread, quote=quoted, author=UserFactory())

    # eng5: the thread and its replies are kept until the next public write; a member adds
    # the session, the user, the menu's permissions and their follow of the thread.
    most = 6 if signed_in else 0
    assert_constant_queries(client, f"/discussions/{thread.pk}/", grow=grow, most=most)


def test_feed(client, few):
    assert_constant_queries(client, "/discussions/feed/all/rss/", grow=_threads(15), most=12)


def test_page_section_costs_two_queries(topic, rf, settings):
    """Rendered, with its template: two queries (the latest threads, and their number) when
    built; none while its HTML is in the shared cache (until the next write)."""
    from django.contrib.auth.models import AnonymousUser

    from portal.sections import page_sections

    request = rf.get("/")
    request.user = AnonymousUser()
    _threads(6, space=topic)()

    def render():
        return [s.html for s in page_sections(topic, request, keys=("discussions",))]

    assert assert_constant_queries_of(render, grow=lambda: None, most=0) == 0
    settings.FRAGMENT_CACHE_ENABLED = False
    count = assert_constant_queries_of(render, grow=_threads(20, space=topic), most=2)
    assert count == 2
    assert "Question" in render()[0]


def test_tag_feed_with_threads(client, few):
    """The tag feed (knowledge/feeds.py) lists threads too: one query for them, whatever
    their number (nothing prefetched for cards the feed does not show)."""
    assert_constant_queries(client, "/tags/logistics/feed/", grow=_threads(15), most=10)
