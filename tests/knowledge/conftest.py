import pytest

from tests.factories.knowledge import (
    NewsIndexPageFactory,
    PracticeIndexPageFactory,
    TopicIndexPageFactory,
)


@pytest.fixture
def practice_index(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def topic_index(home_page):
    return TopicIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def cluster_manager(make_user):
    return make_user(username="clustermanager", groups=["Members", "Cluster managers"])


@pytest.fixture
def other_manager(make_user):
    return make_user(username="othermanager", groups=["Members", "Cluster managers"])


VALID_PRACTICE = {
    "title": "Shared dryers in Huila",
    "summary": "Growers share solar dryers.",
    "problem": "Coffee got mouldy after the harvest.",
    "intervention": "<p>We co-financed <b>140</b> dryers.</p>",
    "results": "<ul><li>Losses fell</li></ul>",
    "cost": "USD 400,000",
    "duration_months": "24",
    "lessons_learned": "",
    "replicability": "",
    "country": "CO",
    "tags": "coffee, post-harvest",
    "figures-TOTAL_FORMS": "3",
    "figures-INITIAL_FORMS": "0",
    "figures-MIN_NUM_FORMS": "0",
    "figures-MAX_NUM_FORMS": "8",
    "figures-0-value": "-62",
    "figures-0-unit": "%",
    "figures-0-label": "coffee downgraded",
}


@pytest.fixture
def practice_data():
    return dict(VALID_PRACTICE)
