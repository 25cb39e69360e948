"""The one owner of moderation: content submitted from the public site goes through a Wagtail
workflow, and everything about that journey lives here.

- :func:`workflow_submit` submits a page's latest revision to a workflow;
- :class:`ModerationState` and :func:`state_of` name where a page's latest revision stands (one
  vocabulary for every app; ``{% moderation_badge page %}`` shows it);
- :func:`ensure_workflow` finds or creates a workflow by a stable key, never by display name;
- :func:`notify_submitter` is the one approved / changes-requested email, sent on Wagtail's
  workflow signals for every page type registered through ``register_moderated_type``;
- :func:`is_moderator` answers "may this person moderate?" by a permission, not a group name.

An app whose pages are submitted from the public site registers them in ``wagtail_hooks.py``::

    @hooks.register("register_moderated_type")
    def moderated_practices():
        return ModeratedType(model=PracticePage, edit_url_name="knowledge:practice_edit",
                             people=lambda page: [page.owner])
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import NoReverseMatch
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from . import roles
from .emails import display_name, language_of, page_url, send_templated_email, url_for

MODERATE_PERMISSION = "portal.moderate_content"


# -- Who moderates -----------------------------------------------------------------------------


def is_moderator(user):
    """``True`` for people who may moderate content submitted from the public site: active
    superusers and anyone holding ``portal.moderate_content`` (the Moderators group gets it in
    ``portal/migrations/0006``).

    A permission rather than the group's name, so that the group can be renamed or a second
    group given the right in the admin; and not ``is_staff``, which only opens Django's own
    admin and says nothing about moderating. Approving in the Wagtail admin stays with the
    groups of each workflow's approval task."""
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


# -- Submitting --------------------------------------------------------------------------------


def mute_admin_notifications(user):
    """Members without admin access hear about a moderator's decision through
    :func:`notify_submitter` (linking to the public site), not also through Wagtail's own email
    (linking to the admin)."""
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


# -- Workflows found by key --------------------------------------------------------------------


@transaction.atomic
def ensure_workflow(*, key, name, task_name, pages=()):
    """The workflow known by ``key`` (``"registry"``, ``"practices"``), created on first use
    with one approval task (``task_name``) for the Moderators group. ``pages`` that have no
    workflow of their own yet get this one; a page the admin gave another workflow keeps it.

    Found by key, so renaming the workflow or its task in the admin changes nothing here. A
    workflow made before keys existed is adopted once by its original ``name`` (the data
    migration ``portal/0006`` does the same for existing installs)."""
    from .models import ModeratedWorkflow

    link = ModeratedWorkflow.objects.select_related("workflow").filter(key=key).first()
    if link is not None:
        workflow = link.workflow
    else:
        workflow = Workflow.objects.filter(name=name, moderated__isnull=True).order_by("pk").first()
        if workflow is None:
            workflow = Workflow.objects.create(name=name, active=True)
        if not WorkflowTask.objects.filter(workflow=workflow).exists():
            task = GroupApprovalTask.objects.create(name=task_name, active=True)
            task.groups.add(Group.objects.get_or_create(name=roles.MODERATORS)[0])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        ModeratedWorkflow.objects.create(key=key, workflow=workflow)
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


# -- Where a page stands -----------------------------------------------------------------------


class ModerationState(models.TextChoices):
    """Where the latest revision of a page stands. Four states, one vocabulary for every app.

    Whether a published version is online is a separate fact (``page.live``): a published
    initiative whose edit waits for a moderator is ``IN_MODERATION`` and live, and the badge
    shows both. "Changes requested", not "rejected": Wagtail's reject sends the submission back
    to its author (``needs_changes``), who edits and sends it again; nothing is final."""

    DRAFT = "draft", pgettext_lazy("moderation state", "Draft")
    IN_MODERATION = "in_moderation", pgettext_lazy("moderation state", "Waiting for moderation")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("moderation state", "Changes requested")
    LIVE = "live", pgettext_lazy("moderation state", "Published")


BADGE_CLASSES = {
    ModerationState.DRAFT: "badge--neutral",
    ModerationState.IN_MODERATION: "badge--warning",
    ModerationState.CHANGES_REQUESTED: "badge--danger",
    ModerationState.LIVE: "badge--success",
}

_NOT_ANNOTATED = object()


def with_moderation_state(queryset):
    """Annotate a page queryset with the status and moderator's comment of each page's latest
    workflow state (two subqueries in the same query), so that :func:`state_of` and
    :func:`comment_of` read them without a query per row."""
    latest = WorkflowState.objects.filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at", "-pk")
    return queryset.annotate(
        moderation_status=Subquery(latest.values("status")[:1]),
        moderation_comment=Subquery(latest.values("current_task_state__comment")[:1]),
    )


def _latest(page):
    """``(status, comment)`` of the page's latest workflow state, from the annotations of
    :func:`with_moderation_state` or, for a single page, one query (remembered on the page)."""
    status = getattr(page, "moderation_status", _NOT_ANNOTATED)
    if status is _NOT_ANNOTATED:
        row = (
            WorkflowState.objects.for_instance(page)
            .order_by("-created_at", "-pk")
            .values_list("status", "current_task_state__comment")
            .first()
        )
        page.moderation_status, page.moderation_comment = row or (None, None)
    return page.moderation_status, page.moderation_comment or ""


def state_of(page):
    """The :class:`ModerationState` of ``page``. No query when the page comes from
    :func:`with_moderation_state`."""
    status, _comment = _latest(page)
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationState.IN_MODERATION
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return ModerationState.CHANGES_REQUESTED
    return ModerationState.LIVE if page.live else ModerationState.DRAFT


def comment_of(page):
    """The moderator's comment when changes were requested, else ``""``."""
    status, comment = _latest(page)
    return comment if status == WorkflowState.STATUS_NEEDS_CHANGES else ""


# -- Telling the submitter ---------------------------------------------------------------------


def _nobody(page):
    return ()


@dataclass(frozen=True)
class ModeratedType:
    """A page type submitted from the public site. ``edit_url_name``: the public edit form,
    reversed with the page's pk; ``people(page)``: who hears about the decision besides the
    person who submitted it (authors, owner)."""

    model: type
    edit_url_name: str
    people: Callable[[Page], Iterable] = _nobody


def moderated_types():
    return [fn() for fn in hooks.get_hooks("register_moderated_type")]


def _dashboard_url(language):
    try:
        return url_for("community:dashboard", language=language)
    except NoReverseMatch:
        return ""


def notify_submitter(*, workflow_state, approved):
    """Email the person who submitted ``workflow_state``'s page (and the people its type names)
    that a moderator approved it or asked for changes, each in their own language, with the
    moderator's comment. Pages of types nobody registered are left to Wagtail's own emails."""
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    moderated = next((t for t in moderated_types() if isinstance(page, t.model)), None)
    if moderated is None:
        return 0
    recipients = {}
    for user in [workflow_state.requested_by, *moderated.people(page)]:
        if user is not None and user.is_active and user.email:
            recipients.setdefault(user.pk, user)
    task_state = workflow_state.current_task_state
    title = page.get_latest_revision_as_object().title
    comment = (task_state.comment if task_state else "") or ""
    template = "portal/emails/moderation_" + ("approved" if approved else "changes_requested")
    for user in recipients.values():
        language = language_of(user)
        send_templated_email.enqueue(
            to=[user.email],
            template=template,
            context={
                "name": display_name(user),
                "title": title,
                "comment": comment,
                "url": page_url(page, language=language) if page.live else "",
                "edit_url": url_for(moderated.edit_url_name, language=language, args=[page.pk]),
                "dashboard_url": _dashboard_url(language),
            },
            language=language,
        )
    return len(recipients)


def _on_workflow_approved(sender, instance, **kwargs):
    notify_submitter(workflow_state=instance, approved=True)


def _on_workflow_rejected(sender, instance, **kwargs):
    notify_submitter(workflow_state=instance, approved=False)


def connect():
    """Called once from ``PortalConfig.ready``."""
    workflow_approved.connect(_on_workflow_approved, dispatch_uid="portal_moderation_approved")
    workflow_rejected.connect(_on_workflow_rejected, dispatch_uid="portal_moderation_rejected")
