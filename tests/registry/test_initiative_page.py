"""The initiative page: the community's follow button, initiatives with shared tags."""

from django.urls import reverse

import pytest

from community.models import Follow

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_asked_to_log_in_to_follow(client, initiative_a):
    response = client.get(initiative_a.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Log in to follow" in html
    assert f'name="page" value="{initiative_a.pk}"' not in html


def test_member_follows_and_unfollows_an_initiative(client, member, initiative_a):
    client.force_login(member)
    html = client.get(initiative_a.url).content.decode()
    assert f'action="{reverse("community:follow")}"' in html
    assert f'name="page" value="{initiative_a.pk}"' in html

    response = client.post(
        reverse("community:follow"), {"page": initiative_a.pk, "next": initiative_a.url}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=member, page_id=initiative_a.pk).exists()

    html = client.get(initiative_a.url).content.decode()
    assert f'action="{reverse("community:unfollow")}"' in html
    assert 'aria-pressed="true"' in html


def test_similar_initiatives_rank_by_shared_tags(client, make_initiative, index_page):
    page = make_initiative(title="Main", slug="main", tags=["coffee", "cocoa", "export"])
    two = make_initiative(title="Two Shared", slug="two", tags=["coffee", "cocoa", "wine"])
    one = make_initiative(title="One Shared", slug="one", tags=["export"])
    make_initiative(title="Unrelated", slug="unrelated", tags=["software"])
    draft = make_initiative(title="Draft Three", slug="draft", tags=["coffee", "cocoa", "export"])
    draft.unpublish()

    response = client.get(page.url)
    similar = response.context["similar"]
    assert [item.pk for item in similar] == [two.pk, one.pk]
    # Each card shows its own tags, not the page's.
    assert {tag.name for tag in similar[0].card_tags} == {"coffee", "cocoa", "wine"}
    html = response.content.decode()
    assert "Initiatives with shared topics" in html
    assert "wine" in html


def test_similar_initiatives_prefer_the_newest_on_ties(client, make_initiative):
    page = make_initiative(title="Main", slug="main", tags=["coffee"])
    older = make_initiative(title="A Older", slug="older", tags=["coffee"])
    newer = make_initiative(title="B Newer", slug="newer", tags=["coffee"])
    similar = client.get(page.url).context["similar"]
    assert [item.pk for item in similar] == [newer.pk, older.pk]


def test_no_similar_section_without_tags(client, make_initiative):
    page = make_initiative(title="Lonely", slug="lonely", tags=[])
    make_initiative(title="Other", slug="other", tags=["coffee"])
    response = client.get(page.url)
    assert response.context["similar"] == []
    assert "Initiatives with shared topics" not in response.content.decode()
