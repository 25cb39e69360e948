"""Only cluster managers (or managers of an initiative) and staff submit practices; only the
practice's people and staff edit it, whatever the POST says."""

from django.urls import reverse

import pytest

from knowledge.models import PracticePage
from tests.factories.knowledge import PracticePageFactory

pytestmark = pytest.mark.django_db

NEW = "knowledge:practice_new"


def test_anonymous_visitors_are_sent_to_login(client, practice_index):
    response = client.get(reverse(NEW))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unverified_accounts_cannot_submit(client, make_user, practice_index, practice_data):
    user = make_user(username="unv", verified=False, groups=["Cluster managers"])
    client.force_login(user)
    response = client.post(reverse(NEW), practice_data)
    assert response.status_code == 302
    assert not PracticePage.objects.exists()


def test_plain_members_cannot_submit(client, member, practice_index, practice_data):
    client.force_login(member)
    assert client.get(reverse(NEW)).status_code == 403
    assert client.post(reverse(NEW), practice_data).status_code == 403
    assert not PracticePage.objects.exists()


def test_cluster_managers_and_moderators_can_submit(
    client, cluster_manager, moderator, practice_index, practice_data
):
    for user in (cluster_manager, moderator):
        client.force_login(user)
        assert client.get(reverse(NEW)).status_code == 200
        practice_data["title"] = f"Practice by {user.username}"
        assert client.post(reverse(NEW), practice_data).status_code == 302
    assert PracticePage.objects.count() == 2


def test_an_initiative_manager_outside_the_group_can_submit(
    client, member, home_page, practice_index, practice_data
):
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    registry = InitiativeIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(parent=registry, managers=[member])
    client.force_login(member)
    practice_data["initiatives"] = [initiative.pk]
    assert client.post(reverse(NEW), practice_data).status_code == 302
    page = PracticePage.objects.get()
    assert list(page.get_latest_revision_as_object().initiatives.all()) == [initiative]


def test_a_manager_cannot_link_an_initiative_they_do_not_manage(
    client, cluster_manager, member, home_page, practice_index, practice_data
):
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    registry = InitiativeIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(parent=registry, managers=[member])
    client.force_login(cluster_manager)
    practice_data["initiatives"] = [initiative.pk]
    response = client.post(reverse(NEW), practice_data)
    assert response.status_code == 400
    assert not PracticePage.objects.exists()


def test_other_managers_cannot_edit_and_crafted_posts_change_nothing(
    client, cluster_manager, other_manager, practice_index, practice_data
):
    practice = PracticePageFactory(parent=practice_index, owner=cluster_manager, title="Mine")
    url = reverse("knowledge:practice_edit", args=[practice.pk])
    client.force_login(other_manager)
    assert client.get(url).status_code == 403
    practice_data["title"] = "Hijacked"
    assert client.post(url, practice_data).status_code == 403
    practice.refresh_from_db()
    assert practice.title == "Mine"
    assert practice.get_latest_revision_as_object().title == "Mine"


def test_owner_and_moderators_can_edit(
    client, cluster_manager, moderator, practice_index, practice_data
):
    practice = PracticePageFactory(parent=practice_index, owner=cluster_manager)
    url = reverse("knowledge:practice_edit", args=[practice.pk])
    for user in (cluster_manager, moderator):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert client.post(url, practice_data).status_code == 302


def test_a_co_author_can_edit(client, other_manager, practice_index, practice_data):
    from community.models import MemberProfile

    profile, _ = MemberProfile.objects.get_or_create(
        user=other_manager, defaults={"display_name": "Co Author"}
    )
    practice = PracticePageFactory(parent=practice_index)
    practice.authors.set([profile])
    practice.save()
    client.force_login(other_manager)
    assert client.get(reverse("knowledge:practice_edit", args=[practice.pk])).status_code == 200


def test_a_former_cluster_manager_loses_edit_rights(
    client, cluster_manager, practice_index, practice_data
):
    practice = PracticePageFactory(parent=practice_index, owner=cluster_manager)
    cluster_manager.groups.clear()
    client.force_login(cluster_manager)
    assert client.get(reverse("knowledge:practice_edit", args=[practice.pk])).status_code == 403


def test_writes_need_post_with_csrf(cluster_manager, practice_index, practice_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cluster_manager)
    assert client.post(reverse(NEW), practice_data).status_code == 403
    assert not PracticePage.objects.exists()
