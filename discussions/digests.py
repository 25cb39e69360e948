"""The weekly summary of the members who follow discussions with ``mode=digest``: for each of
them, the threads with new published posts since their last summary, in one email in their
language. (Threads also reach the community's weekly digest through the ``TaggedType``, for
members who follow tags and topics there.) Run weekly: ``manage.py send_discussion_digests``."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from portal.emails import display_name, language_of, send_templated_email, url_for
from portal.unsubscribe import unsubscribe_url

from .models import DiscussionFollow, Reply, Status, Thread

DIGEST_INTERVAL = timedelta(days=7)
ITEMS = 20


def _new_posts(follow, since, user):
    """``Counter({thread_id: new posts})`` under one follow since ``since``."""
    threads = Thread.objects.visible_to()
    if follow.thread_id:
        threads = threads.filter(pk=follow.thread_id)
    elif follow.space_id:
        threads = threads.filter(space_id=follow.space_id)
    else:
        threads = threads.filter(tagged_items__tag_id=follow.tag_id)
    counts = Counter()
    if not follow.thread_id:
        for pk in (
            threads.filter(created_at__gt=since).exclude(author=user).values_list("pk", flat=True)
        ):
            counts[pk] += 1
    replies = Reply.objects.filter(
        thread__in=threads.values("pk"), status=Status.PUBLISHED, created_at__gt=since
    ).exclude(author=user)
    for pk in replies.values_list("thread_id", flat=True):
        counts[pk] += 1
    return counts


def send_digest(*, user, follows, now):
    counts = Counter()
    for follow in follows:
        counts.update(_new_posts(follow, follow.last_digest_at or follow.created_at, user))
    DiscussionFollow.objects.filter(pk__in=[f.pk for f in follows]).update(last_digest_at=now)
    if not counts:
        return False
    language = language_of(user)
    titles = dict(Thread.objects.filter(pk__in=list(counts)).values_list("pk", "title"))
    items = [
        {
            "title": titles[pk],
            "count": count,
            "url": url_for("discussions:thread", language=language, args=[pk]),
        }
        for pk, count in counts.most_common(ITEMS)
        if pk in titles
    ]
    send_templated_email.enqueue(
        to=[user.email],
        template="discussions/emails/digest",
        context={
            "name": display_name(user),
            "items": items,
            "following_url": url_for("discussions:following", language=language),
            "unsubscribe_url": unsubscribe_url(user, language=language),
        },
        language=language,
    )
    return True


def send_digests(*, now=None, force=False):
    """Every due summary. Returns the number of emails sent."""
    now = now or timezone.now()
    due = DiscussionFollow.objects.filter(
        mode=DiscussionFollow.Mode.DIGEST, user__is_active=True
    ).exclude(user__email="")
    if not force:
        due = due.filter(
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - DIGEST_INTERVAL)
        )
    by_user = defaultdict(list)
    users = {}
    for follow in due.select_related("user__profile"):
        by_user[follow.user_id].append(follow)
        users[follow.user_id] = follow.user
    return sum(
        send_digest(user=users[pk], follows=follows, now=now) for pk, follows in by_user.items()
    )
