"""The initiative page offers the community's follow button."""

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
