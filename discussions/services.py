"""Writes of the discussions: posting, reporting, following, marking solved and the moderators'
actions, each in one transaction, and the emails they cause (after the commit, in each
recipient's language)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import page_cache
from portal.documents import documents_move, documents_store, private_collection, public_collection
from portal.emails import display_name, language_of, send_templated_email, url_for
from portal.unsubscribe import unsubscribe_url

from .models import DiscussionFollow, PostAttachment, PostReport, Reply, Status, Thread
from .permissions import HELD_POSTS, can_moderate
from .sanitising import plain_text

EXCERPT_WORDS = 60
ATTACHMENTS_COLLECTION = "Discussion attachments"
PENDING_ATTACHMENTS_COLLECTION = "Discussion attachments awaiting moderation"


def _initial_status(user):
    """A member's first ``HELD_POSTS`` posts wait for a moderator (anti-spam); moderators and
    members with that many published posts publish at once."""
    if can_moderate(user):
        return Status.PUBLISHED
    published = (
        Thread.objects.filter(author=user, status=Status.PUBLISHED).count()
        + Reply.objects.filter(author=user, status=Status.PUBLISHED).count()
    )
    return Status.PUBLISHED if published >= HELD_POSTS else Status.PENDING


def _excerpt(html):
    words = plain_text(html).split()
    text = " ".join(words[:EXCERPT_WORDS])
    return text + ("…" if len(words) > EXCERPT_WORDS else "")


# -- Attachments --------------------------------------------------------------------------------


def attachments_collection():
    return public_collection(ATTACHMENTS_COLLECTION)


def private_attachments_collection():
    """Files of held and hidden posts: moderators only (``portal.documents``)."""
    return private_collection(PENDING_ATTACHMENTS_COLLECTION)


def _attach(*, uploads, user, thread=None, reply=None, public):
    if not uploads:
        return []
    collection = attachments_collection() if public else private_attachments_collection()
    documents = documents_store(uploads=uploads, user=user, collection=collection)
    return PostAttachment.objects.bulk_create(
        PostAttachment(thread=thread, reply=reply, document=document) for document in documents
    )


def _files_public(thread):
    from .selectors import space_is_public

    return (
        thread.status == Status.PUBLISHED
        and not thread.merged_into_id
        and space_is_public(thread.space_id)
    )


@transaction.atomic
def attachments_sync(*, thread):
    """The files of ``thread`` and of its replies sit in the collection their post's state
    calls for: public when the post is published (for a reply: in a published thread of a
    public space), private (moderators only) otherwise. Called after each moderator action."""
    attachments = PostAttachment.objects.filter(Q(thread=thread) | Q(reply__thread=thread))
    if not attachments.exists():
        return
    thread_public = _files_public(thread)
    public_ids, private_ids = [], []
    for thread_id, reply_status, document_id in attachments.values_list(
        "thread_id", "reply__status", "document_id"
    ):
        is_public = thread_public and (thread_id is not None or reply_status == Status.PUBLISHED)
        (public_ids if is_public else private_ids).append(document_id)
    public, private = attachments_collection(), private_attachments_collection()
    documents_move(document_ids=public_ids, source=private, target=public)
    documents_move(document_ids=private_ids, source=public, target=private)


# -- Posting ------------------------------------------------------------------------------------


@transaction.atomic
def thread_create(*, user, space, title, body, tags=(), language, uploads=()):
    thread = Thread(
        space=space,
        title=title,
        body=body,
        author=user,
        language=language,
        status=_initial_status(user),
    )
    thread.save()
    if tags:
        thread.tags.set(list(tags))
        thread.save()
    _attach(uploads=uploads, user=user, thread=thread, public=_files_public(thread))
    DiscussionFollow.objects.get_or_create(user=user, thread=thread)
    if thread.status == Status.PUBLISHED:
        transaction.on_commit(lambda: notify_new_thread(thread))
    return thread


def _check_open(thread):
    if thread.status == Status.HIDDEN or thread.merged_into_id:
        raise ValidationError(_("This discussion was closed by a moderator: it takes no replies."))
    if thread.locked:
        raise ValidationError(_("This discussion is locked: it takes no new replies."))
    if thread.status != Status.PUBLISHED:
        raise ValidationError(
            _("This discussion is awaiting moderation: replies open once it is published.")
        )


@transaction.atomic
def reply_create(*, user, thread, body, quote=None, uploads=()):
    """A reply to ``thread`` with the files ``uploads`` (validated by the form);
    ``ValidationError`` (nothing saved) when the thread is hidden, locked or not yet
    published, or ``quote`` is not a published reply of the same thread."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    _check_open(thread)
    if quote is not None and (quote.thread_id != thread.pk or quote.status != Status.PUBLISHED):
        raise ValidationError(_("You can only quote a published reply of this discussion."))
    reply = Reply.objects.create(
        thread=thread, author=user, body=body, quote=quote, status=_initial_status(user)
    )
    _attach(
        uploads=uploads,
        user=user,
        reply=reply,
        public=reply.status == Status.PUBLISHED and _files_public(thread),
    )
    DiscussionFollow.objects.get_or_create(user=user, thread=thread)
    if reply.status == Status.PUBLISHED:
        _reply_published(reply)
    return reply


def _reply_published(reply):
    Thread.objects.filter(pk=reply.thread_id).update(last_activity_at=timezone.now())
    transaction.on_commit(lambda: notify_new_reply(reply))


@transaction.atomic
def thread_mark_solved(*, user, thread, reply):
    """``reply`` (a published reply of ``thread``, or ``None`` to undo) solved the question."""
    if reply is not None and (reply.thread_id != thread.pk or reply.status != Status.PUBLISHED):
        raise ValidationError(_("Choose a published reply of this discussion."))
    thread.solved_reply = reply
    thread.save(update_fields=["solved_reply", "updated_at"])
    return thread


@transaction.atomic
def report_create(*, user, thread=None, reply=None, reason):
    return PostReport.objects.create(reporter=user, thread=thread, reply=reply, reason=reason)


# -- Following ------------------------------------------------------------------------------------


def _target(thread=None, space=None, tag=None):
    targets = {"thread": thread, "space": space, "tag": tag}
    chosen = {key: value for key, value in targets.items() if value is not None}
    if len(chosen) != 1:
        raise ValidationError(_("Follow one discussion, one space or one tag at a time."))
    return chosen


@transaction.atomic
def follow_set(*, user, mode, thread=None, space=None, tag=None):
    follow, _created = DiscussionFollow.objects.update_or_create(
        user=user, **_target(thread, space, tag), defaults={"mode": mode}
    )
    return follow


@transaction.atomic
def follow_remove(*, user, thread=None, space=None, tag=None):
    DiscussionFollow.objects.filter(user=user, **_target(thread, space, tag)).delete()


def emails_off(user):
    """The ``register_email_optout`` of discussions: the member stops following every thread,
    space and tag, which is what the discussions email about. (Moderators' decisions on
    their own posts still reach them.)"""
    DiscussionFollow.objects.filter(user=user).delete()


# -- Moderation ---------------------------------------------------------------------------------

ACTION_LABELS = {
    "publish": gettext_lazy("published"),
    "hide": gettext_lazy("hidden"),
    "edit": gettext_lazy("edited"),
    "lock": gettext_lazy("locked"),
    "unlock": gettext_lazy("reopened"),
    "move": gettext_lazy("moved"),
    "merge": gettext_lazy("merged"),
}


@transaction.atomic
def thread_moderate(
    *, moderator, thread, action, reason, space=None, target=None, title="", body=""
):
    """One moderator action on a thread, with the ``reason`` the author sees on the thread and
    by email. ``space`` (a page, or ``None`` for the general space) for ``move``; ``target``
    (another thread) for ``merge``; ``title`` and ``body`` for ``edit``."""
    was_published = thread.status == Status.PUBLISHED
    fields = ["moderation_reason", "updated_at"]
    if action == "publish":
        thread.status = Status.PUBLISHED
        fields.append("status")
    elif action == "hide":
        thread.status = Status.HIDDEN
        fields.append("status")
    elif action in ("lock", "unlock"):
        thread.locked = action == "lock"
        fields.append("locked")
    elif action == "move":
        thread.space = space
        fields.append("space")
    elif action == "edit":
        thread.title, thread.body = title, body
        fields += ["title", "body"]
    elif action == "merge":
        if target is None or target.pk == thread.pk or target.merged_into_id:
            raise ValidationError(_("Choose another discussion to merge this one into."))
        Reply.objects.filter(thread=thread).update(thread=target)
        page_cache.invalidate()  # update() sends no signal
        # The question itself becomes the first reply of the target, so no word is lost.
        question = Reply.objects.create(
            thread=target, author=thread.author, body=thread.body, status=thread.status
        )
        PostAttachment.objects.filter(thread=thread).update(thread=None, reply=question)
        for follow in DiscussionFollow.objects.filter(thread=thread):
            DiscussionFollow.objects.get_or_create(
                user=follow.user, thread=target, defaults={"mode": follow.mode}
            )
        thread.merged_into = target
        thread.solved_reply = None
        fields += ["merged_into", "solved_reply"]
    else:
        raise ValidationError(_("Unknown action."))
    thread.moderation_reason = reason
    thread.save(update_fields=fields)
    attachments_sync(thread=thread)
    if action == "merge":
        attachments_sync(thread=target)
    PostReport.objects.filter(thread=thread, state=PostReport.State.OPEN).update(
        state=PostReport.State.CLOSED
    )
    if action == "publish" and not was_published:
        transaction.on_commit(lambda: notify_new_thread(thread))
    transaction.on_commit(
        lambda: notify_author(
            user=thread.author, action=action, reason=reason, thread=thread, kind="thread"
        )
    )
    return thread


@transaction.atomic
def reply_moderate(*, moderator, reply, action, reason, body=""):
    was_published = reply.status == Status.PUBLISHED
    fields = ["moderation_reason", "updated_at"]
    if action == "publish":
        reply.status = Status.PUBLISHED
        fields.append("status")
    elif action == "hide":
        reply.status = Status.HIDDEN
        fields.append("status")
        Thread.objects.filter(solved_reply=reply).update(solved_reply=None)
    elif action == "edit":
        reply.body = body
        fields.append("body")
    else:
        raise ValidationError(_("Unknown action."))
    reply.moderation_reason = reason
    reply.save(update_fields=fields)
    attachments_sync(thread=reply.thread)
    PostReport.objects.filter(reply=reply, state=PostReport.State.OPEN).update(
        state=PostReport.State.CLOSED
    )
    if action == "publish" and not was_published:
        _reply_published(reply)
    transaction.on_commit(
        lambda: notify_author(
            user=reply.author, action=action, reason=reason, thread=reply.thread, kind="reply"
        )
    )
    return reply


# -- Emails ---------------------------------------------------------------------------------------


def _recipients(follows, *, exclude_user_id):
    seen = set()
    for follow in follows:
        user = follow.user
        if user.pk == exclude_user_id or user.pk in seen or not (user.is_active and user.email):
            continue
        seen.add(user.pk)
        yield user


def _send(user, *, template, context):
    language = language_of(user)
    send_templated_email.enqueue(
        to=[user.email],
        template=template,
        context={
            **context,
            "name": display_name(user),
            "url": url_for("discussions:thread", language=language, args=[context["thread_id"]]),
            "following_url": url_for("discussions:following", language=language),
            "unsubscribe_url": unsubscribe_url(user, language=language),
        },
        language=language,
    )


def notify_new_reply(reply):
    """The immediate followers of the thread hear of a newly published reply."""
    thread = reply.thread
    follows = DiscussionFollow.objects.filter(
        thread=thread, mode=DiscussionFollow.Mode.IMMEDIATE
    ).select_related("user__profile")
    context = {
        "thread_id": thread.pk,
        "title": thread.title,
        "author": display_name(reply.author) if reply.author else "",
        "excerpt": _excerpt(reply.body),
    }
    for user in _recipients(follows, exclude_user_id=reply.author_id):
        _send(user, template="discussions/emails/new_reply", context=context)


def notify_new_thread(thread):
    """The immediate followers of the thread's space and of its tags hear of a new thread."""
    tag_ids = list(thread.tagged_items.values_list("tag_id", flat=True))
    condition = Q(tag_id__in=tag_ids)
    if thread.space_id:
        condition |= Q(space_id=thread.space_id)
    follows = DiscussionFollow.objects.filter(
        condition, mode=DiscussionFollow.Mode.IMMEDIATE
    ).select_related("user__profile")
    context = {
        "thread_id": thread.pk,
        "title": thread.title,
        "author": display_name(thread.author) if thread.author else "",
        "excerpt": _excerpt(thread.body),
    }
    for user in _recipients(follows, exclude_user_id=thread.author_id):
        _send(user, template="discussions/emails/new_thread", context=context)


def notify_author(*, user, action, reason, thread, kind):
    """The author hears what a moderator did to their post, and why."""
    if user is None or not (user.is_active and user.email):
        return
    language = language_of(user)
    from django.utils import translation

    with translation.override(language):
        action_label = str(ACTION_LABELS.get(action, action))
    _send(
        user,
        template="discussions/emails/moderated",
        context={
            "thread_id": (thread.merged_into_id or thread.pk),
            "title": thread.title,
            "action": action_label,
            "kind": kind,
            "reason": reason,
        },
    )
