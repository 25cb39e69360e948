"""Site search through Wagtail's backend: every content type, facets, pagination, the length
cap and malformed syntax."""

import pytest

from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page, practice_index, topic_index, news_index, make_user):
    from community.models import MemberProfile
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    registry = InitiativeIndexPageFactory(parent=home_page)
    public = make_user(username="publicperson")
    hidden = make_user(username="hiddenperson")
    for user, visibility in ((public, "public"), (hidden, "members")):
        profile, _ = MemberProfile.objects.get_or_create(
            user=user, defaults={"display_name": user.username}
        )
        profile.display_name = f"Quinoa expert {user.username}"
        profile.visibility = visibility
        profile.save()
    return {
        "initiative": InitiativePageFactory(parent=registry, title="Quinoa cluster of Puno"),
        "practice": PracticePageFactory(parent=practice_index, title="Quinoa processing plants"),
        "topic": ResearchTopicPageFactory(parent=topic_index, title="Quinoa value chains"),
        "news": NewsPageFactory(parent=news_index, title="Quinoa harvest report"),
        "draft": PracticePageFactory(parent=practice_index, title="Quinoa draft", live=False),
    }


def test_search_finds_each_content_type_with_facets(client, content):
    response = client.get("/search/?q=quinoa")
    assert response.status_code == 200
    facets = {f["type"].key: f["count"] for f in response.context["facets"]}
    assert facets == {"initiatives": 1, "practices": 1, "topics": 1, "news": 1, "members": 1}
    body = response.content.decode()
    for title in (
        "Quinoa cluster of Puno",
        "Quinoa processing plants",
        "Quinoa value chains",
        "Quinoa harvest report",
    ):
        assert title.replace("Quinoa", "<mark>Quinoa</mark>") in body
    assert "Quinoa draft" not in body
    assert "hiddenperson" not in body


def test_members_see_members_only_profiles(client, content, member):
    client.force_login(member)
    response = client.get("/search/?q=quinoa&type=members")
    assert response.status_code == 200
    names = [r["object"].display_name for r in response.context["results"]]
    assert sorted(names) == ["Quinoa expert hiddenperson", "Quinoa expert publicperson"]


@pytest.mark.parametrize("kind", ["initiatives", "practices", "topics", "news"])
def test_facet_restricts_results(client, content, kind):
    response = client.get(f"/search/?q=quinoa&type={kind}")
    results = response.context["results"]
    assert len(results) == 1
    assert results[0]["type"].key == kind


def test_results_are_paginated(client, practice_index):
    for number in range(12):
        PracticePageFactory(parent=practice_index, title=f"Amaranth practice {number}")
    first = client.get("/search/?q=amaranth")
    second = client.get("/search/?q=amaranth&page=2")
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert first.context["page_obj"].paginator.count == 12


def test_overlong_query_is_refused_cleanly(client, content):
    response = client.get("/search/?q=" + "quinoa " * 40)
    assert response.status_code == 400
    assert "too long" in response.content.decode()
    assert response.context["results"] == []


@pytest.mark.parametrize(
    "query",
    [
        '"quinoa',
        "quinoa AND (",
        "quinoa*",
        "NOT",
        "title:quinoa",
        "(((",
        "quinoa OR",
        "-",
        "^~\\",
        "' OR 1=1 --",
        "quinoa NEAR(x",
    ],
)
def test_malformed_syntax_never_breaks(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    assert response.context is not None


def test_malformed_syntax_still_finds_the_words(client, content):
    response = client.get("/search/", {"q": '"quinoa (value'})
    assert response.status_code == 200
    assert any(r["object"].title == "Quinoa value chains" for r in response.context["results"])


def test_listing_q_uses_the_search_backend(client, content, practice_index):
    PracticePageFactory(parent=practice_index, title="Coffee dryers", tags=["coffee"])
    response = client.get("/practices/?q=quinoa")
    assert [p.title for p in response.context["practices"]] == ["Quinoa processing plants"]
    response = client.get("/practices/?q=quinoa&tag=coffee")
    assert list(response.context["practices"]) == []


def test_listing_filters(client, practice_index, topic_index):
    topic = ResearchTopicPageFactory(parent=topic_index, tags=["water"])
    PracticePageFactory(parent=practice_index, title="Peru water", country="PE", tags=["water"])
    PracticePageFactory(
        parent=practice_index, title="Colombia coffee", country="CO", tags=["coffee"]
    )
    assert [p.title for p in client.get("/practices/?country=PE").context["practices"]] == [
        "Peru water"
    ]
    assert [p.title for p in client.get("/practices/?tag=coffee").context["practices"]] == [
        "Colombia coffee"
    ]
    assert [p.title for p in client.get(f"/practices/?topic={topic.pk}").context["practices"]] == [
        "Peru water"
    ]
