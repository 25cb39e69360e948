"""RSS and Atom feeds parse cleanly and carry the entries."""

import feedparser
import pytest

from tests.factories.knowledge import NewsPageFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(practice_index, news_index):
    PracticePageFactory(parent=practice_index, title="Dryers & quality <b>", tags=["coffee"])
    PracticePageFactory(parent=practice_index, title="Cold rooms", tags=["fruit"])
    NewsPageFactory(parent=news_index, title="Session 9 report", tags=["coffee"])


@pytest.mark.parametrize(
    ("url", "version", "titles"),
    [
        ("/practices/feed/", "rss20", {"Dryers & quality <b>", "Cold rooms"}),
        ("/practices/feed/atom/", "atom10", {"Dryers & quality <b>", "Cold rooms"}),
        ("/news/feed/", "rss20", {"Session 9 report"}),
        ("/news/feed/atom/", "atom10", {"Session 9 report"}),
        (
            "/tags/coffee/feed/",
            "rss20",
            {"Dryers & quality <b> (Good practices)", "Session 9 report (News)"},
        ),
        (
            "/tags/coffee/feed/atom/",
            "atom10",
            {"Dryers & quality <b> (Good practices)", "Session 9 report (News)"},
        ),
    ],
)
def test_feeds_are_valid(client, items, url, version, titles):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert {entry.title for entry in feed.entries} == titles
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")


def test_unknown_tag_feed_is_404(client):
    assert client.get("/tags/nothing-here/feed/").status_code == 404
