"""Writes: practices from the public form (draft revision + moderation workflow)."""

from django.db import transaction
from django.utils.text import slugify

from portal import moderation
from portal.documents import (
    documents_move,
    documents_store,
    private_collection,
    public_collection,
)

from .models import PracticeAttachment, PracticeFigure, PracticeIndexPage, PracticePage

# The community's member profiles, through the relation practices declare (apps import only
# portal and accounts: tests/test_architecture.py).
MemberProfile = PracticePage._meta.get_field("authors").related_model

PRACTICE_WORKFLOW_KEY = "practices"
PRACTICE_WORKFLOW_NAME = "Practice moderation"  # its name when created; moderators may rename it
PRACTICE_TASK_NAME = "Moderators approve practices"
ATTACHMENTS_COLLECTION = "Practice attachments"
PENDING_ATTACHMENTS_COLLECTION = "Practice attachments awaiting moderation"

# Fields the public form may set (anything else in a POST is ignored).
FORM_FIELDS = [
    "title",
    "summary",
    "problem",
    "intervention",
    "results",
    "cost",
    "duration_months",
    "lessons_learned",
    "replicability",
    "country",
]


def practice_workflow(*, pages=()):
    """The "Practice moderation" workflow (one approval task for the Moderators group), found
    by its key (see ``portal.moderation.ensure_workflow``); ``pages`` without a workflow get it."""
    return moderation.ensure_workflow(
        key=PRACTICE_WORKFLOW_KEY,
        name=PRACTICE_WORKFLOW_NAME,
        task_name=PRACTICE_TASK_NAME,
        pages=pages,
    )


def practice_workflow_ensure():
    """The practice workflow, attached to every practice index page."""
    return practice_workflow(pages=PracticeIndexPage.objects.all())


def practice_people(page):
    """Who hears about a moderator's decision on ``page`` besides its submitter: its owner and
    authors."""
    return [page.owner, *(profile.user for profile in page.authors.select_related("user"))]


def attachments_collection():
    return public_collection(ATTACHMENTS_COLLECTION)


def pending_attachments_collection():
    """Files uploaded with a practice wait here until a moderator approves it (restricted to
    moderators: ``portal.documents.private_collection``)."""
    return private_collection(PENDING_ATTACHMENTS_COLLECTION)


def practice_attachments_publish(*, page):
    """The practice was approved: its files move to the public attachments collection."""
    documents_move(
        document_ids=[attachment.document_id for attachment in page.attachments.all()],
        source=pending_attachments_collection(),
        target=attachments_collection(),
    )


def _store_documents(*, uploads, user):
    return documents_store(uploads=uploads, user=user, collection=pending_attachments_collection())


def _apply(*, page, user, data, figures, uploads):
    for name in FORM_FIELDS:
        if name in data:
            setattr(page, name, data[name] if data[name] is not None else None)
    page.cost = data.get("cost") or ""
    page.country = data.get("country") or ""
    page.draft_title = page.title
    page.tags.set(data.get("tags") or [])
    page.topics.set(list(data.get("topics") or []))
    page.sectors.set(list(data.get("sectors") or []))
    page.initiatives.set(list(data.get("initiatives") or []))
    page.figures = [
        PracticeFigure(value=f["value"], unit=f.get("unit", ""), label=f["label"])
        for f in figures
        if f and f.get("value") is not None and f.get("label")
    ]
    removed = {int(pk) for pk in data.get("remove_attachments") or []}
    kept = [a.document for a in page.attachments.all() if a.document_id not in removed]
    new_documents = _store_documents(uploads=uploads, user=user)
    page.attachments = [PracticeAttachment(document=d) for d in kept + new_documents]
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is not None and not page.pk:
        page.authors.set([profile])


def _submit(*, page, user):
    """Save a draft revision and submit it to the practice moderation workflow (restarting a
    workflow that is in progress or waiting for changes)."""
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow() or practice_workflow()
    moderation.workflow_submit(page=page, user=user, workflow=workflow)
    return revision


@transaction.atomic
def practice_create(*, index, user, data, figures=(), uploads=()):
    if not isinstance(index, PracticeIndexPage):
        raise ValueError("practices live under a PracticeIndexPage")
    page = PracticePage(owner=user, live=False, locale=index.locale, title=data["title"])
    _apply(page=page, user=user, data=data, figures=figures, uploads=uploads)
    if not slugify(page.title, allow_unicode=True):
        # Wagtail derives the slug from the title; a title of punctuation alone gives none.
        page.slug = _free_slug("practice", parent=index)
    index.add_child(instance=page)
    _submit(page=page, user=user)
    return page


def _free_slug(base, *, parent):
    slug, suffix = base, 1
    while parent.get_children().filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


@transaction.atomic
def practice_update(*, page, user, data, figures=(), uploads=()):
    """Edits go into a new revision; the published version stays online until a moderator
    approves the change."""
    draft = page.get_latest_revision_as_object()
    _apply(page=draft, user=user, data=data, figures=figures, uploads=uploads)
    _submit(page=draft, user=user)
    return draft
