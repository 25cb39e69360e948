import pytest

from tests.factories.knowledge import ResearchTopicPageFactory, TopicIndexPageFactory


@pytest.fixture
def topic(home_page):
    index = TopicIndexPageFactory(parent=home_page)
    return ResearchTopicPageFactory(parent=index, title="Cluster evaluation", slug="evaluation")


@pytest.fixture
def seasoned(make_user):
    """A verified member past the first held posts: their posts publish at once."""
    from tests.factories.discussions import ThreadFactory

    user = make_user(username="seasoned", groups=["Members"])
    ThreadFactory.create_batch(2, author=user)
    return user
