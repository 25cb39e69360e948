"""Who may write good practices in the public site.

- submit: a verified account in the "Cluster managers" group, or a manager of a live (approved)
  initiative in the registry, or a moderator (``portal.moderation.is_moderator``);
- edit: a moderator, or one of the practice's people (its owner, an author, a manager of a linked
  initiative), as long as they may still submit.
Every view checks these on the server, whatever the form says."""

from accounts.permissions import user_is_verified
from portal import roles
from portal.managed_pages import managed_page_ids
from portal.moderation import is_moderator


def managed_initiatives(user, *, live_only=False):
    """Primary keys of the initiatives this user manages (only approved, live ones with
    ``live_only``), from the registry through portal/managed_pages.py."""
    return sorted(managed_page_ids(user, live_only=live_only))


def can_submit_practice(user):
    if not user.is_authenticated or not user_is_verified(user):
        return False
    if is_moderator(user):
        return True
    if user.groups.filter(name=roles.CLUSTER_MANAGERS).exists():
        return True
    # Only an initiative a moderator approved counts: registering one gives no right yet.
    return bool(managed_initiatives(user, live_only=True))


def can_edit_practice(user, practice):
    if not user.is_authenticated:
        return False
    if is_moderator(user):
        return True
    if not can_submit_practice(user):
        return False
    if practice.owner_id == user.pk:
        return True
    if practice.authors.filter(user=user).exists():
        return True
    managed = managed_initiatives(user)
    return bool(managed) and practice.initiatives.filter(pk__in=managed).exists()
