"""Who may do what in the discussions. Every view checks these on the server."""

from accounts.permissions import user_is_verified
from portal.moderation import is_moderator

from .models import Status

#: A member's first posts wait for a moderator; later ones are published at once.
HELD_POSTS = 2


def can_post(user):
    return bool(user.is_authenticated and user.is_active and user_is_verified(user))


def can_moderate(user):
    return bool(user.is_authenticated and is_moderator(user))


def can_read_thread(user, thread):
    """Published threads of public spaces for everyone; a pending or hidden thread for its
    author and moderators only."""
    if can_moderate(user):
        return True
    if thread.status != Status.PUBLISHED:
        return user.is_authenticated and thread.author_id == user.pk
    return True


def can_mark_solved(user, thread):
    if not user.is_authenticated:
        return False
    return can_moderate(user) or (thread.author_id == user.pk and can_post(user))
