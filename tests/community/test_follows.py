from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest

from community.digests import send_digest
from community.models import Follow
from portal.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def coffee():
    return Tag.objects.create(name="coffee", slug="coffee")


@pytest.fixture
def registry_index(home_page):
    from registry.services import index_pages_ensure

    return index_pages_ensure()


def make_initiative(index, title, tags, published_days_ago=0):
    from registry.models import InitiativePage
    from tests.factories.registry import InitiativePageFactory

    page = InitiativePageFactory(parent=index, title=title, tags=tags)
    page.save_revision().publish()
    when = timezone.now() - timedelta(days=published_days_ago)
    InitiativePage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when
    )
    page.refresh_from_db()
    return page


def render_button(user, **target):
    request = RequestFactory().get("/tags/coffee/")
    request.user = user
    template = Template(
        '{% include "community/includes/follow_button.html" with tag=tag page=page %}'
    )
    return template.render(RequestContext(request, {"tag": None, "page": None, **target}))


def test_follow_and_unfollow_a_tag(client, member, coffee):
    client.force_login(member)
    assert f'value="{coffee.pk}"' in render_button(member, tag=coffee)
    assert "Follow" in render_button(member, tag=coffee)
    response = client.post(reverse("community:follow"), {"tag": coffee.pk, "next": "/tags/coffee/"})
    assert response.status_code == 302 and response.url == "/tags/coffee/"
    # Following twice keeps one follow.
    client.post(reverse("community:follow"), {"tag": coffee.pk})
    assert Follow.objects.filter(user=member, tag=coffee).count() == 1
    assert "Following" in render_button(member, tag=coffee)
    assert "coffee" in client.get(reverse("community:following")).content.decode()
    assert "coffee" in client.get(reverse("community:dashboard")).content.decode()
    client.post(reverse("community:unfollow"), {"tag": coffee.pk})
    assert not Follow.objects.filter(user=member).exists()


def test_follow_a_page(client, member, registry_index):
    page = make_initiative(registry_index, "Clúster del Cacao", ["cocoa"])
    client.force_login(member)
    client.post(reverse("community:follow"), {"page": page.pk})
    assert Follow.objects.get(user=member).page_id == page.pk
    assert "Following" in render_button(member, page=page)


def test_follow_refuses_bad_input(client, member, coffee, registry_index):
    client.force_login(member)
    assert client.get(reverse("community:follow")).status_code == 405
    assert client.post(reverse("community:follow"), {"tag": "999999"}).status_code == 404
    assert client.post(reverse("community:follow"), {}).status_code == 404
    assert (
        client.post(reverse("community:follow"), {"tag": coffee.pk, "page": 1}).status_code == 404
    )
    # An open redirect is not followed.
    response = client.post(
        reverse("community:follow"), {"tag": coffee.pk, "next": "https://evil.example/"}
    )
    assert response.url == reverse("community:following")


def test_anonymous_is_asked_to_log_in(client, coffee):
    from django.contrib.auth.models import AnonymousUser

    assert "Log in to follow" in render_button(AnonymousUser(), tag=coffee)
    response = client.post(reverse("community:follow"), {"tag": coffee.pk})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert Follow.objects.count() == 0


def test_digest_lists_new_content_under_followed_tags(member, coffee, registry_index, make_profile):
    Follow.objects.create(user=member, tag=coffee)
    make_initiative(registry_index, "Nuevo clúster de café", ["coffee"])
    make_initiative(registry_index, "Viejo clúster de café", ["coffee"], published_days_ago=30)
    make_initiative(registry_index, "Clúster textil", ["textiles"])
    make_profile("cafetera", display_name="Camila Cafetera", expertise=["coffee"])

    call_command("send_digests")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member.email]
    assert "Nuevo clúster de café" in email.body
    assert "Camila Cafetera" in email.body
    assert "Viejo clúster de café" not in email.body
    assert "Clúster textil" not in email.body
    assert reverse("community:profile_edit") in email.body  # how to switch it off

    # Not due again within the week.
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_digest_follows_a_page_through_its_tags(member, registry_index):
    followed = make_initiative(
        registry_index, "Clúster del Cacao", ["cocoa"], published_days_ago=30
    )
    Follow.objects.create(user=member, page=followed)
    make_initiative(registry_index, "Red de cacao fino", ["cocoa"])
    assert send_digest(profile=member.profile)
    assert "Red de cacao fino" in mail.outbox[0].body


def test_digest_in_the_members_language(member, coffee, registry_index):
    member.preferred_language = "es"
    member.save()
    coffee.name_es = "cafeto"
    coffee.save()
    Follow.objects.create(user=member, tag=coffee)
    make_initiative(registry_index, "Nuevo clúster de café", ["coffee"])
    assert send_digest(profile=member.profile)
    assert "Esto es lo nuevo en Articula esta semana" in mail.outbox[0].subject
    # The followed tag by its Spanish label (portal/tag_labels.py).
    assert "Nuevo clúster de café (cafeto)" in mail.outbox[0].body


def test_digest_opt_out_and_nothing_new(member, other_member, coffee, registry_index):
    member.profile.digest_enabled = False
    member.profile.save()
    Follow.objects.create(user=member, tag=coffee)
    Follow.objects.create(user=other_member, tag=coffee)
    make_initiative(registry_index, "Viejo clúster", ["coffee"], published_days_ago=30)
    call_command("send_digests")
    assert mail.outbox == []  # opted out; and nothing new for the other member
