"""Rights that come from a submission (the "Cluster managers" group, publishing practices) are
granted when a moderator approves it, never on submitting, and taken back when it is rejected
or unpublished unless the person still manages another live initiative."""

from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from knowledge.permissions import can_submit_practice
from portal import roles
from registry import services
from registry.models import InitiativeManager, InitiativePage
from tests.factories.knowledge import PracticeIndexPageFactory
from tests.factories.registry import InitiativePageFactory
from tests.registry.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_page(home_page):
    PracticeIndexPageFactory(parent=home_page)
    return services.index_pages_ensure()


def is_cluster_manager(user):
    return user.groups.filter(name=roles.CLUSTER_MANAGERS).exists()


def register(client, user, title="Cali Coffee Cluster", **overrides):
    client.force_login(user)
    response = client.post(reverse("registry:register"), form_data(title=title, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return InitiativePage.objects.get(title=title)


def moderate(client, moderator, page, action, comment=""):
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, state.current_task_state.pk],
        ),
        {"comment": comment},
    )
    assert response.status_code in (200, 302)
    client.logout()


def can_open_practice_form(client, user):
    client.force_login(user)
    status = client.get(reverse("knowledge:practice_new")).status_code
    client.logout()
    assert status in (200, 403)
    return status == 200


def test_registering_grants_no_right_until_a_moderator_approves(
    client, member, moderator, index_page
):
    page = register(client, member)
    # The submitter may still edit their submission while it waits...
    assert InitiativeManager.objects.filter(page=page, user=member).exists()
    assert client.get(reverse("registry:edit", args=[page.pk])).status_code == 200
    # ...but gets no right that an approved initiative gives.
    member.refresh_from_db()
    assert not is_cluster_manager(member)
    assert not can_submit_practice(member)
    assert not can_open_practice_form(client, member)

    moderate(client, moderator, page, "approve")

    page.refresh_from_db()
    assert page.live
    assert is_cluster_manager(member)
    assert can_submit_practice(member)
    assert can_open_practice_form(client, member)


def test_a_rejected_submission_grants_nothing(client, member, moderator, index_page):
    page = register(client, member)
    moderate(client, moderator, page, "reject", "Not a cluster.")
    assert not is_cluster_manager(member)
    assert not can_submit_practice(member)
    assert not can_open_practice_form(client, member)


def test_rejection_withdraws_rights_unless_another_initiative_is_live(
    client, member, moderator, index_page
):
    # Rights granted before (for example by the old code, on submitting) are taken back when
    # the submission is rejected...
    member.groups.add(roles_group())
    first = register(client, member)
    moderate(client, moderator, first, "reject", "Not a cluster.")
    assert not is_cluster_manager(member)
    assert not can_open_practice_form(client, member)

    # ...but not while the person manages another live initiative.
    live = InitiativePageFactory(parent=index_page, title="Andean Dairy Network", managers=[member])
    live.save_revision().publish()
    assert is_cluster_manager(member)
    second = register(
        client,
        member,
        title="Recife Software Park",
        country="BR",
        region="PE",
        city="Recife",
        latitude="-8.047600",
        longitude="-34.877000",
    )
    moderate(client, moderator, second, "reject", "Duplicate.")
    assert is_cluster_manager(member)
    assert can_open_practice_form(client, member)


def test_unpublishing_the_only_initiative_withdraws_rights(client, member, moderator, index_page):
    page = register(client, member)
    moderate(client, moderator, page, "approve")
    assert is_cluster_manager(member)
    page.refresh_from_db()
    page.unpublish()
    assert not is_cluster_manager(member)
    assert not can_submit_practice(member)


def test_a_claim_grants_rights_only_once_approved(client, member, moderator, index_page):
    orphan = InitiativePageFactory(parent=index_page, title="Orphan District", source="import")
    orphan.save_revision().publish()
    claim = services.claim_create(page=orphan, user=member, message="I run it.")
    assert not InitiativeManager.objects.filter(page=orphan, user=member).exists()
    assert not is_cluster_manager(member)
    assert not can_submit_practice(member)

    services.claim_approve(claim=claim, by=moderator)

    assert InitiativeManager.objects.filter(page=orphan, user=member).exists()
    assert is_cluster_manager(member)
    assert can_open_practice_form(client, member)


def test_an_invitation_to_a_draft_grants_rights_once_it_is_published(
    client, member, moderator, index_page
):
    page = register(client, moderator, title="Draft Cluster")
    services.manager_add(page=page, user=member)
    assert not is_cluster_manager(member)
    assert not can_submit_practice(member)
    moderate(client, moderator, page, "approve")
    assert is_cluster_manager(member)


def roles_group():
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=roles.CLUSTER_MANAGERS)[0]
