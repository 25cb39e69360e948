"""The practice moderation cycle: a cluster manager submits from the public form, a moderator
approves or rejects in the Wagtail admin with a comment, the author is emailed."""

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from knowledge.models import PracticePage
from knowledge.services import PRACTICE_WORKFLOW_NAME
from portal.moderation import ModerationState, state_of

pytestmark = pytest.mark.django_db


def submit(client, user, data):
    client.force_login(user)
    return client.post(reverse("knowledge:practice_new"), data)


def current_task_state(page):
    state = WorkflowState.objects.active().for_instance(page).get()
    return state.current_task_state


def admin_action(client, moderator, page, action, comment=""):
    client.force_login(moderator)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_submission_creates_a_draft_in_the_practice_workflow(
    client, cluster_manager, practice_index, practice_data
):
    response = submit(client, cluster_manager, practice_data)
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert not page.live
    assert page.owner == cluster_manager
    state = WorkflowState.objects.active().for_instance(page).get()
    assert state.workflow.name == PRACTICE_WORKFLOW_NAME
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft = page.get_latest_revision_as_object()
    assert [t.name for t in draft.tags.all()] == ["coffee", "post-harvest"]
    assert [(str(f.value), f.unit) for f in draft.figures.all()] == [("-62.00", "%")]
    # Not public while it waits.
    assert (
        client.get(page.url if page.url else "/practices/shared-dryers-in-huila/").status_code
        == 404
    )


def test_moderator_approves_in_the_admin_and_the_author_is_emailed(
    client, cluster_manager, moderator, practice_index, practice_data
):
    submit(client, cluster_manager, practice_data)
    page = PracticePage.objects.get()
    mail.outbox.clear()
    response = admin_action(client, moderator, page, "approve", comment="Great results, thanks!")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED
    ours = [m for m in mail.outbox if cluster_manager.email in m.to and "published" in m.subject]
    assert len(ours) == 1
    assert "Great results, thanks!" in ours[0].body
    # Only the portal's own email: not also Wagtail's, which links to the admin the author
    # cannot use.
    assert [m for m in mail.outbox if cluster_manager.email in m.to] == ours
    client.logout()
    assert client.get(page.url).status_code == 200


def test_moderator_rejects_with_a_comment_then_the_author_resubmits(
    client, cluster_manager, moderator, practice_index, practice_data
):
    submit(client, cluster_manager, practice_data)
    page = PracticePage.objects.get()
    mail.outbox.clear()
    admin_action(client, moderator, page, "reject", comment="Please add the cost breakdown.")
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    ours = [
        m for m in mail.outbox if cluster_manager.email in m.to and "needs changes" in m.subject
    ]
    assert len(ours) == 1
    assert "Please add the cost breakdown." in ours[0].body
    assert reverse("knowledge:practice_edit", args=[page.pk]) in ours[0].body

    # The dashboard section shows the state.
    client.force_login(cluster_manager)
    from knowledge.wagtail_hooks import _dashboard_practices

    request = client.get("/").wsgi_request
    request.user = cluster_manager
    context = _dashboard_practices(request)
    assert [state_of(p) for p in context["practices"]] == [ModerationState.CHANGES_REQUESTED]

    # Resubmitting starts a fresh review.
    practice_data["cost"] = "USD 400,000 (dryers 300,000; training 100,000)"
    response = client.post(reverse("knowledge:practice_edit", args=[page.pk]), practice_data)
    assert response.status_code == 302
    active = WorkflowState.objects.active().for_instance(page).get()
    assert active.status == WorkflowState.STATUS_IN_PROGRESS
    admin_action(client, moderator, page, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.cost.startswith("USD 400,000 (dryers")


def test_edit_of_a_published_practice_stays_in_moderation(
    client, cluster_manager, moderator, practice_index, practice_data
):
    submit(client, cluster_manager, practice_data)
    page = PracticePage.objects.get()
    admin_action(client, moderator, page, "approve")
    client.force_login(cluster_manager)
    practice_data["title"] = "A new title waiting for review"
    client.post(reverse("knowledge:practice_edit", args=[page.pk]), practice_data)
    page.refresh_from_db()
    assert page.live
    assert page.title == "Shared dryers in Huila"
    assert page.get_latest_revision_as_object().title == "A new title waiting for review"
    client.logout()
    assert b"A new title" not in client.get(page.url).content
