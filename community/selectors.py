"""Reads for the community app (the matching ranking lives in ``matching.py``)."""

import hashlib
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property

from portal.managed_pages import managed_page_ids, managed_page_model, page_managers

from .models import Block, ContactRequest, Follow, MemberProfile


def initiative_model():
    """The registry's initiative page model (portal/managed_pages.py: no import of the
    registry)."""
    return managed_page_model("initiatives")


def initiative_get(*, page_id):
    """A live, public initiative page, or None."""
    return initiative_model().objects.live().public().filter(pk=page_id).first()


def initiative_managers(initiative):
    return page_managers(initiative)


def user_managed_initiative_ids(user):
    return managed_page_ids(user)


# Profiles ---------------------------------------------------------------------------------


def profile_get(*, username, viewer):
    """The profile at ``/members/<username>/`` if ``viewer`` may see it, else None.

    Looked up by the exact username first, an index seek (links carry it as stored); only an
    address typed in another case falls back to the case-insensitive match, which reads every
    account (25 ms at 50,000 members on SQLite)."""
    profiles = MemberProfile.objects.with_tags(rendition_specs=("fill-240x240",))
    profile = profiles.filter(user__username=username).first()
    if profile is None:
        profile = profiles.filter(user__username__iexact=username).first()
    if profile is None or not profile.visible_to(viewer):
        return None
    return profile


def directory_profiles(*, viewer):
    """The profiles ``viewer`` may see in the directory (``MemberFilterSet`` narrows and orders
    them)."""
    return MemberProfile.objects.visible_to(viewer)


def directory_countries(*, viewer):
    """Countries that appear in the directory for ``viewer`` (for the filter). The codes are
    the same for every visitor of a kind (signed in or not) and read every visible profile:
    kept in the shared cache until the next write to public content
    (``portal.page_cache.fragment``)."""
    from django_countries import countries

    from portal.page_cache import fragment

    signed_in = bool(viewer is not None and viewer.is_authenticated)
    codes = fragment(
        f"members:countries:{'member' if signed_in else 'anonymous'}",
        lambda: list(
            MemberProfile.objects.visible_to(viewer)
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
            .order_by("country")
        ),
    )
    names = dict(countries)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda c: c[1])


class DirectoryPaginator(Paginator):
    """The directory's paginator, its count (the number of profiles matching the filters, a
    read of every visible profile) kept in the shared cache per kind of visitor and filters
    until the next write to public content (``portal.page_cache.fragment``)."""

    def __init__(self, object_list, per_page, *, viewer, filters, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        signed_in = bool(viewer is not None and viewer.is_authenticated)
        filters = urlencode(sorted((str(k), str(v)) for k, v in filters.items()))
        digest = hashlib.sha256(filters.encode("utf-8", "surrogateescape")).hexdigest()
        self.count_key = f"members:count:{'member' if signed_in else 'anonymous'}:{digest}"

    @cached_property
    def count(self):
        from portal.page_cache import fragment

        return fragment(self.count_key, lambda: Paginator.count.func(self))


# Inbox ------------------------------------------------------------------------------------


def inbox_list(*, user, managed=None):
    """Requests to ``user`` or to the initiatives they manage (``managed``: their ids, when
    the caller already has them)."""
    if managed is None:
        managed = user_managed_initiative_ids(user)
    return (
        ContactRequest.objects.for_recipient(user, initiative_ids=managed)
        .select_related("sender__profile", "initiative", "recipient")
        .order_by("-created_at")
    )


def sent_list(*, user):
    return (
        ContactRequest.objects.filter(sender=user)
        .select_related("recipient__profile", "initiative", "replied_by__profile")
        .order_by("-created_at")
    )


def inbox_unread_count(*, user, managed=None):
    return inbox_list(user=user, managed=managed).filter(status=ContactRequest.Status.NEW).count()


def blocked_list(*, user):
    return Block.objects.filter(blocker=user).select_related("blocked__profile")


# Follows ----------------------------------------------------------------------------------


def follow_list(*, user):
    return Follow.objects.filter(user=user).select_related("tag", "page")


def follow_state(*, user, tag=None, page=None):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, tag=tag, page=page).exists()


def follower_counts(*, tag=None, page=None):
    return Follow.objects.filter(tag=tag, page=page).aggregate(n=Count("pk"))["n"]
