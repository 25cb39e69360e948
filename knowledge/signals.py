"""The author of a practice hears about the moderators' decision by email, in their language
(Wagtail's workflow signals; the comment left by the moderator is passed on)."""

from django.conf import settings
from django.urls import reverse

from wagtail.signals import workflow_approved, workflow_rejected

from portal.emails import language_of, send_templated_email


def _recipients(page, workflow_state):
    users = {}
    for user in (workflow_state.requested_by, page.owner):
        if user is not None and user.email and user.is_active:
            users[user.pk] = user
    for profile in page.authors.select_related("user"):
        if profile.user and profile.user.email and profile.user.is_active:
            users[profile.user.pk] = profile.user
    return list(users.values())


def _practice(workflow_state):
    from .models import PracticePage

    obj = workflow_state.content_object
    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, PracticePage) else None


def _notify(workflow_state, *, template, comment):
    page = _practice(workflow_state)
    if page is None:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user in _recipients(page, workflow_state):
        context = {
            "name": user.get_full_name() or user.username,
            "title": page.get_latest_revision_as_object().title,
            "comment": comment,
            "page_url": f"{base}{page.url}" if page.live and page.url else "",
            "edit_url": f"{base}{reverse('knowledge:practice_edit', args=[page.pk])}",
            "dashboard_url": f"{base}/dashboard/",
        }
        send_templated_email.enqueue(
            to=[user.email], template=template, context=context, language=language_of(user)
        )


def _last_comment(workflow_state):
    task_state = workflow_state.current_task_state
    return (task_state.comment if task_state else "") or ""


def on_workflow_approved(sender, instance, user=None, **kwargs):
    page = _practice(instance)
    if page is not None:
        from .services import practice_attachments_publish

        practice_attachments_publish(page=page)
    _notify(
        instance, template="knowledge/emails/practice_approved", comment=_last_comment(instance)
    )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    _notify(
        instance, template="knowledge/emails/practice_rejected", comment=_last_comment(instance)
    )


def connect():
    from django.db.models.signals import post_save

    from .models import PracticeIndexPage

    post_save.connect(
        attach_practice_workflow, sender=PracticeIndexPage, dispatch_uid="knowledge_workflow"
    )
    from django.db.models.signals import post_delete

    from wagtail.models import PageViewRestriction

    from .models.base import clear_caches

    post_save.connect(clear_caches, sender=PageViewRestriction, dispatch_uid="knowledge_cache")
    post_delete.connect(
        clear_caches, sender=PageViewRestriction, dispatch_uid="knowledge_cache_del"
    )
    workflow_approved.connect(on_workflow_approved, dispatch_uid="knowledge_practice_approved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="knowledge_practice_rejected")


def attach_practice_workflow(sender, instance, created, raw=False, **kwargs):
    """Every practice index page (in every locale) gets the "Practice moderation" workflow."""
    if raw:
        return
    from wagtail.models import WorkflowPage

    from .services import practice_workflow

    workflow = practice_workflow()
    if workflow is not None and not WorkflowPage.objects.filter(page=instance).exists():
        WorkflowPage.objects.create(page=instance, workflow=workflow)
