import json

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from community.models import ContactRequest, Follow, MemberProfile
from portal.models import Tag

User = get_user_model()
pytestmark = pytest.mark.django_db


def test_download_my_data(client, member, other_member):
    profile = member.profile
    profile.organization = "Cámara de Comercio de Bogotá"
    profile.save()
    profile.expertise.set(["logistics"])
    profile.save()
    ContactRequest.objects.create(
        sender=member, recipient=other_member, subject="Hola", message="m1"
    )
    ContactRequest.objects.create(
        sender=other_member, recipient=member, subject="Chao", message="m2"
    )
    Follow.objects.create(user=member, tag=Tag.objects.get(name="logistics"))
    client.force_login(member)
    response = client.get(reverse("community:data_export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["organization"] == "Cámara de Comercio de Bogotá"
    assert data["profile"]["expertise"] == ["logistics"]
    assert [r["subject"] for r in data["contact_requests_sent"]] == ["Hola"]
    assert [r["subject"] for r in data["contact_requests_received"]] == ["Chao"]
    assert data["follows"] == [{"tag": "logistics", "page": None}]


def test_download_my_data_covers_every_app(client, member, home_page):
    from registry.services import index_pages_ensure
    from tests.factories.events import (
        EventIndexPageFactory,
        EventPageFactory,
        EventRegistrationFactory,
    )
    from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
    from tests.factories.registry import InitiativePageFactory

    InitiativePageFactory(parent=index_pages_ensure(), title="Clúster Lácteo", managers=[member])
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Session 3")
    EventRegistrationFactory(event=event, user=member)
    practice = PracticePageFactory(
        parent=PracticeIndexPageFactory(parent=home_page), title="Shared cold rooms"
    )
    practice.authors.set([member.profile])
    practice.save()

    client.force_login(member)
    data = json.loads(client.get(reverse("community:data_export")).content)
    assert [i["title"] for i in data["registry"]["initiatives_managed"]] == ["Clúster Lácteo"]
    assert data["registry"]["claims"] == []
    assert [(r["event"], r["status"]) for r in data["events"]["registrations"]] == [
        ("Session 3", "registered")
    ]
    assert [p["title"] for p in data["knowledge"]["practices"]] == ["Shared cold rooms"]


def test_data_export_needs_login(client):
    response = client.get(reverse("community:data_export"))
    assert response.status_code == 302


def test_delete_my_account(client, member, other_member, home_page):
    from registry.models import InitiativePage
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    initiative = InitiativePageFactory(
        parent=index_pages_ensure(), title="Clúster de Software", managers=[member], owner=member
    )
    ContactRequest.objects.create(sender=member, recipient=other_member, subject="a", message="m")
    ContactRequest.objects.create(sender=other_member, recipient=member, subject="b", message="m")
    Follow.objects.create(user=member, tag=Tag.objects.create(name="x", slug="x"))
    profile_id = member.profile.pk

    client.force_login(member)
    # A wrong confirmation deletes nothing.
    response = client.post(reverse("community:account_delete"), {"confirm": "someone-else"})
    assert response.status_code == 200
    assert "nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()

    response = client.post(reverse("community:account_delete"), {"confirm": member.username})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not MemberProfile.objects.filter(pk=profile_id).exists()
    assert ContactRequest.objects.count() == 0
    assert Follow.objects.count() == 0
    # Published content stays, without its owner.
    page = InitiativePage.objects.get(pk=initiative.pk)
    assert page.owner is None
    # The session is gone.
    assert client.get(reverse("community:dashboard")).status_code == 302


def test_delete_requires_post_and_login(client, member):
    assert client.post(reverse("community:account_delete"), {"confirm": "x"}).status_code == 302
    client.force_login(member)
    assert client.get(reverse("community:account_delete")).status_code == 200
    assert User.objects.filter(pk=member.pk).exists()
