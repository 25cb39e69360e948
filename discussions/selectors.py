"""Reads of the discussions: lists for the spaces, pages, tags, home and dashboard, each a
fixed number of queries."""

from django.db.models import Prefetch

from wagtail.models import Page

from portal.page_cache import fragment
from portal.visibility import live_public

from .models import DiscussionFollow, PostAttachment, Reply, Status, Thread
from .permissions import can_moderate
from .sanitising import render_post
from .spaces import space_content_type_ids

FILTERS = ("unanswered", "solved")


def space_get(*, page_id):
    """The live, public page ``page_id`` if it can host threads, else ``None``."""
    return (
        live_public(Page.objects.filter(pk=page_id, content_type_id__in=space_content_type_ids()))
        .select_related("locale")
        .first()
    )


def space_is_public(page_id):
    if page_id is None:
        return True
    return live_public(Page.objects.filter(pk=page_id)).exists()


def thread_list(*, space=..., general=False, tag=None, filter_by="", language=None):
    """Published threads of public spaces, newest activity first; ``space`` a page (its
    threads), ``general`` the general space, neither: every space."""
    threads = Thread.objects.visible_to().for_cards()
    if general:
        threads = threads.in_space(None)
    elif space is not ...:
        threads = threads.in_space(space)
    if tag is not None:
        threads = threads.filter(tagged_items__tag=tag)
    if filter_by == "unanswered":
        threads = threads.unanswered()
    elif filter_by == "solved":
        threads = threads.solved()
    return threads.order_by("-last_activity_at", "-pk")


def threads_for_tags(tags, request):
    """``TaggedType.items_for_tags``: threads carrying any of ``tags``, each once."""
    from .models import ThreadTag

    return (
        Thread.objects.visible_to()
        .for_cards()
        .filter(pk__in=ThreadTag.objects.filter(tag__in=tags).values("content_object_id"))
        .order_by("-created_at", "-pk")
    )


def _attachments():
    """A post's files with their documents, in one query for all the posts shown."""
    return Prefetch("attachments", queryset=PostAttachment.objects.select_related("document"))


def _thread_with_posts(pk):
    """The thread ``pk`` (or ``None``) with its author, space, tags and files, and every reply
    with its author, quote and files, the posts' HTML cleaned for display (``html``)."""
    thread = (
        Thread.objects.select_related("author__profile", "space", "merged_into")
        .prefetch_related("tagged_items__tag", _attachments())
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        return None
    thread.html = render_post(thread.body)
    thread.all_replies = list(
        Reply.objects.filter(thread=thread)
        .select_related("author__profile", "quote__author__profile")
        .prefetch_related(_attachments())
    )
    for reply in thread.all_replies:
        reply.html = render_post(reply.body)
    return thread


def thread_get(*, pk, user):
    """The thread ``pk`` with what its page shows, or ``None`` if ``user`` may not read it
    (pending and hidden threads: their author and moderators; private spaces: nobody but
    moderators).

    The thread and all its replies (whatever their status: :func:`replies_for` chooses) are
    read once and kept until the next write to public content (``portal.page_cache.fragment``):
    a new reply, a moderator's decision, a renamed author are all such writes."""
    thread = fragment(f"discussions:thread:{int(pk)}", lambda: _thread_with_posts(pk))
    if thread is None:
        return None
    moderator = can_moderate(user)
    if not moderator and not space_is_public(thread.space_id):
        return None
    own = user.is_authenticated and thread.author_id == user.pk
    if thread.status != Status.PUBLISHED and not (moderator or own):
        return None
    return thread


def replies_for(*, thread, user):
    """The replies ``user`` sees: published ones, plus their own pending or hidden ones (with
    the moderator's note); moderators see all. ``thread`` comes from :func:`thread_get`, with
    every reply read already."""
    replies = thread.all_replies
    if can_moderate(user):
        return list(replies)
    if user.is_authenticated:
        return [
            reply
            for reply in replies
            if reply.status == Status.PUBLISHED or reply.author_id == user.pk
        ]
    return [reply for reply in replies if reply.status == Status.PUBLISHED]


def follow_of(*, user, thread=None, space=None, tag=None):
    if not user.is_authenticated:
        return None
    follows = DiscussionFollow.objects.filter(user=user)
    if thread is not None:
        return follows.filter(thread=thread).first()
    if space is not None:
        return follows.filter(space=space).first()
    if tag is not None:
        return follows.filter(tag=tag).first()
    return None


def follows_of(user):
    return DiscussionFollow.objects.filter(user=user).select_related("thread", "space", "tag")


def threads_of(user):
    """The member's own threads, whatever their status (the dashboard)."""
    return (
        Thread.objects.filter(author=user)
        .with_counts()
        .select_related("space")
        .order_by("-last_activity_at", "-pk")
    )


def page_threads(page, *, limit=5):
    """The latest threads of one space page (its page section) and how many it has: two
    queries. The page itself is being shown, so its space is public."""
    threads = Thread.objects.published().filter(space=page)
    latest = list(
        threads.with_counts()
        .select_related("author__profile")
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    total = len(latest) if len(latest) < limit else threads.count()
    return latest, total


def latest_threads(*, limit=5):
    return list(thread_list()[:limit])
