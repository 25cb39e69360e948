"""The unfiltered site search ("Everything") lists every kind of result, not only pages: the
threads, published answers and member profiles come after the first page's worth of the best
pages; the count is the facets' total, pagination shows each result once, and the page costs
the same number of queries whatever the number of results."""

from django.urls import reverse

import pytest

from tests.factories.discussions import ThreadFactory
from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
from tests.factories.support import published_answer
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = reverse("portal:search")


@pytest.fixture
def practice_index(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def titles(response):
    return [getattr(r["object"], "title", str(r["object"])) for r in response.context["results"]]


def keys(response):
    return [r["type"].key for r in response.context["results"]]


def test_everything_lists_pages_threads_and_answers(client, practice_index):
    PracticePageFactory(parent=practice_index, title="Sorghum drying practice")
    ThreadFactory(title="Sorghum prices question")
    ThreadFactory(title="Held sorghum question", status="pending")
    published_answer(title="Sorghum storage answer")
    response = client.get(URL, {"q": "sorghum"})
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Sorghum drying practice",
        "Sorghum prices question",
        "Sorghum storage answer",
    ]
    assert sorted(keys(response)) == ["discussions", "practices", "support-answers"]
    assert response.context["total"] == 3
    assert response.context["page_obj"].paginator.count == 3
    body = response.content.decode()
    assert "<mark>Sorghum</mark> prices question" in body
    assert "Held sorghum question" not in body
    # The facets still restrict to one kind.
    only_threads = client.get(URL, {"q": "sorghum", "type": "discussions"})
    assert titles(only_threads) == ["Sorghum prices question"]


def test_everything_paginates_pages_then_other_hits(client, practice_index):
    for number in range(12):
        PracticePageFactory(parent=practice_index, title=f"Millet practice {number}")
    for number in range(3):
        ThreadFactory(title=f"Millet thread {number}")
    first = client.get(URL, {"q": "millet"})
    second = client.get(URL, {"q": "millet", "page": 2})
    assert first.context["page_obj"].paginator.count == 15 == first.context["total"]
    assert first.context["page_obj"].paginator.num_pages == 2
    # A page's worth of the best pages first, then the threads, then the other pages.
    assert keys(first) == ["practices"] * 10
    assert keys(second) == ["discussions"] * 3 + ["practices"] * 2
    seen = titles(first) + titles(second)
    assert len(seen) == len(set(seen)) == 15
    # Beyond the last page: the last page, as before.
    assert titles(client.get(URL, {"q": "millet", "page": 9})) == titles(second)


def test_few_pages_then_the_other_hits_on_the_first_page(client, practice_index):
    PracticePageFactory(parent=practice_index, title="Teff practice")
    ThreadFactory(title="Teff thread")
    response = client.get(URL, {"q": "teff"})
    assert keys(response) == ["practices", "discussions"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_everything_costs_the_same_with_more_results(client, practice_index, member, signed_in):
    """Once warm, nothing but the signed-in visitor's session and permissions: the facets,
    the count and each page of results are shared fragments (as in tests/test_page_costs.py).
    The count of "Everything" is the facets' total: no query of its own."""
    for number in range(3):
        PracticePageFactory(parent=practice_index, title=f"Fonio practice {number}")
        ThreadFactory(title=f"Fonio thread {number}")
    if signed_in:
        client.force_login(member)

    def grow():
        for number in range(15):
            PracticePageFactory(parent=practice_index, title=f"More fonio practice {number}")
            ThreadFactory(title=f"More fonio thread {number}")
            published_answer(title=f"Fonio answer {number}")

    most = 4 if signed_in else 0
    for page in (1, 2, 3):
        assert_constant_queries(client, f"{URL}?q=fonio&page={page}", grow=grow, most=most)
