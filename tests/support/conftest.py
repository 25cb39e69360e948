import pytest

from registry.services import index_pages_ensure
from tests.factories.community import MemberProfileFactory
from tests.factories.knowledge import ResearchTopicPageFactory, TopicIndexPageFactory
from tests.factories.registry import InitiativePageFactory


@pytest.fixture
def manager(make_user):
    return make_user(username="manager1", groups=["Members", "Cluster managers"])


@pytest.fixture
def initiative(manager):
    index = index_pages_ensure()
    return InitiativePageFactory(parent=index, title="Coffee Cluster", managers=[manager])


@pytest.fixture
def foreign_initiative(make_user):
    index = index_pages_ensure()
    owner = make_user(username="owner2", groups=["Members", "Cluster managers"])
    return InitiativePageFactory(parent=index, title="Textile Network", managers=[owner])


@pytest.fixture
def topic(home_page):
    index = TopicIndexPageFactory(parent=home_page)
    return ResearchTopicPageFactory(parent=index, title="Value chains", slug="value-chains")


@pytest.fixture
def expert(make_user):
    user = make_user(username="expert1", groups=["Members"])
    MemberProfileFactory(user=user, display_name="Eva Expert", expertise=["coffee"])
    return user


def ask_data(initiative, **overrides):
    data = {
        "initiative": initiative.pk,
        "need": "methodology",
        "title": "Mapping the coffee value chain",
        "description": "Which methodology should we use to map the coffee value chain?",
        "tags": "coffee, value chains",
        "urgency": "normal",
        "consent_to_publish": "on",
    }
    data.update(overrides)
    return data
