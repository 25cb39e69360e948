"""Submitting content from the public site to a Wagtail moderation workflow, shared by the
registry (initiatives) and knowledge (practices) apps."""

from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile


def mute_admin_notifications(user):
    """Members without admin access hear about a moderator's decision through the app's own
    email (linking to the public site), not also through Wagtail's (linking to the admin)."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def workflow_submit(*, page, user, workflow):
    """Submit the latest revision of ``page`` to ``workflow``. An earlier submission still in
    moderation (or sent back with changes requested) is cancelled and replaced, so moderators
    always review the newest revision."""
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .first()
    )
    if state is not None:
        state.cancel(user=user)
    mute_admin_notifications(user)
    return workflow.start(page, user)
