"""Signals of the knowledge app: the practice workflow on every practice index page, the
files of an approved practice made public, and cache invalidation. (The author's email about
the moderators' decision is ``portal.moderation.notify_submitter``.)"""

from wagtail.signals import workflow_approved


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """An approved practice's files move to the public attachments collection."""
    from .models import PracticePage

    obj = instance.content_object
    page = getattr(obj, "specific", obj)
    if isinstance(page, PracticePage):
        from .services import practice_attachments_publish

        practice_attachments_publish(page=page)


def connect():
    from django.db.models.signals import post_save

    from .models import PracticeIndexPage

    post_save.connect(
        attach_practice_workflow, sender=PracticeIndexPage, dispatch_uid="knowledge_workflow"
    )
    workflow_approved.connect(on_workflow_approved, dispatch_uid="knowledge_practice_approved")


def attach_practice_workflow(sender, instance, created, raw=False, **kwargs):
    """Every practice index page (in every locale) gets the "Practice moderation" workflow,
    unless the admin gave it another one."""
    if raw:
        return
    from .services import practice_workflow

    practice_workflow(pages=[instance])
