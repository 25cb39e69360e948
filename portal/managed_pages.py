"""Pages that members manage (the registry's initiatives): other apps give rights from them
without importing the app that records them. A manager of a live initiative may write good
practices (knowledge) and reads the contact requests sent to the initiative (community).

The app that records managers registers them in its ``wagtail_hooks.py``::

    @hooks.register("register_managed_pages")
    def initiatives():
        return ManagedPages(
            key="initiatives",
            model=InitiativePage,
            page_ids=lambda user, live_only: InitiativeManager.objects.filter(user=user)
                                             .values_list("page_id", flat=True),
            managers=lambda page: User.objects.filter(managed_initiatives=page),
        )

``model`` is the managed page type (other apps find it by ``key`` with
:func:`managed_page_model`, for example to match members with initiatives);
``page_ids(user, live_only)`` returns the primary keys of the pages ``user`` manages (only
live ones with ``live_only``); ``managers(page)`` the users who manage ``page`` (an empty
list for a page the app does not know).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from wagtail import hooks


@dataclass(frozen=True)
class ManagedPages:
    key: str
    model: type
    page_ids: Callable
    managers: Callable


def _registered():
    return [fn() for fn in hooks.get_hooks("register_managed_pages")]


def managed_page_model(key):
    """The page model registered under ``key`` (``LookupError`` if none is)."""
    for managed in _registered():
        if managed.key == key:
            return managed.model
    raise LookupError(f"No managed pages registered as {key!r}.")


def memoise_for_request(request):
    """Within this request, what several parts of a page ask about the signed-in member is
    read once: :func:`managed_page_ids` (live or not: one query for both) and whether their
    email is verified (``accounts.permissions.user_is_verified``). The memo lives on
    ``request.user``, an object of this request only; pages that gather sections of several
    apps (the dashboard, a project's page) turn it on, never a view that changes managers."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "_request_memo", None) is None:
        user._request_memo = {}


def _managed_page_rows(user):
    """``{page_id: (live, title)}`` of every page ``user`` manages, in one query."""
    from wagtail.models import Page

    condition = Q(pk__in=[])
    for managed in _registered():
        condition |= Q(pk__in=managed.page_ids(user, False))
    return {
        pk: (live, title)
        for pk, live, title in Page.objects.filter(condition).values_list("pk", "live", "title")
    }


def memoised_managed_pages(user):
    """``{page_id: (live, title)}`` of the pages ``user`` manages, read once per request
    once :func:`memoise_for_request` is on (``None`` when it is off)."""
    memo = getattr(user, "_request_memo", None)
    if memo is None or not user.is_authenticated:
        return None
    if "managed_pages" not in memo:
        memo["managed_pages"] = _managed_page_rows(user)
    return memo["managed_pages"]


def managed_page_ids(user, *, live_only=False):
    """Primary keys of every page ``user`` manages (live ones only with ``live_only``)."""
    if user is None or not user.is_authenticated:
        return set()
    rows = memoised_managed_pages(user)
    if rows is not None:
        return {pk for pk, (live, _title) in rows.items() if live or not live_only}
    ids = set()
    for managed in _registered():
        ids.update(managed.page_ids(user, live_only))
    return ids


def page_managers(page):
    """The users who manage ``page``."""
    users = []
    for managed in _registered():
        users.extend(user for user in managed.managers(page) if user not in users)
    return users
