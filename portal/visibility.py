"""Which pages a visitor may see in lists: live, and outside any section under a view
restriction (password, login or group), whatever the app.

``live_public(qs)`` is ``qs.live().public()`` without the restriction query on every call:
the restricted paths are cached in the shared cache and cleared whenever a restriction is
added or removed, a page moved or an alias saved, in every process sharing that cache
(``connect()``, from PortalConfig).

``may_be_restricted(page)`` answers Wagtail's view-restriction check on every page served
(``BasePage.get_view_restrictions``) from the same cache entry: no query for a page with no
restricted page (nor alias of one) among its ancestors-or-self."""

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

RESTRICTED_CACHE_KEY = "portal:restricted-paths:2"


def _restrictions():
    """``(restricted paths, alias paths)``: the tree paths of pages under a view restriction,
    and those of the aliases of such pages (Wagtail applies a page's restrictions to its
    aliases too, Page.get_view_restrictions). The second query only when there is a
    restriction."""
    entry = cache.get(RESTRICTED_CACHE_KEY)
    if entry is None:
        rows = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
        aliases = []
        if rows:
            aliases = Page.objects.filter(alias_of_id__in={page_id for page_id, _ in rows})
            aliases = sorted(aliases.values_list("path", flat=True))
        entry = (sorted({path for _, path in rows}), aliases)
        cache.set(RESTRICTED_CACHE_KEY, entry, 3600)
    return entry


def restricted_paths():
    """Tree paths of pages under a view restriction."""
    return _restrictions()[0]


def may_be_restricted(page):
    """Whether a view restriction may apply to ``page``: one of its ancestors-or-self is
    restricted, or is an alias of a restricted page (or the page is an alias while any
    restriction exists). ``False`` means certainly none, without a query once cached."""
    restricted, aliases = _restrictions()
    if not restricted:
        return False
    if page.alias_of_id is not None:
        return True
    return any(page.path.startswith(path) for path in (*restricted, *aliases))


def live_public(queryset):
    """``queryset.live().public()`` without the restriction query on every call."""
    queryset = queryset.live()
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def live_public_related(objects):
    """``live_public`` for a page's many-to-many relation. On a page built from a revision (the
    admin's preview, draft view and revision compare) the relation is modelcluster's in-memory
    ``FakeQuerySet``, which has no ``live()``: filter the real table by its primary keys."""
    if isinstance(objects, QuerySet):
        return live_public(objects)
    return live_public(objects.model._default_manager.filter(pk__in=[obj.pk for obj in objects]))


def clear_restricted_paths(**kwargs):
    cache.delete(RESTRICTED_CACHE_KEY)


def _page_saved(sender, instance, **kwargs):
    # A new alias of a restricted page is restricted too.
    if isinstance(instance, Page) and instance.alias_of_id is not None:
        cache.delete(RESTRICTED_CACHE_KEY)


def connect():
    post_save.connect(
        clear_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal_restricted_paths"
    )
    post_delete.connect(
        clear_restricted_paths,
        sender=PageViewRestriction,
        dispatch_uid="portal_restricted_paths_del",
    )
    # A move changes the paths of the moved page and everything below it.
    post_page_move.connect(clear_restricted_paths, dispatch_uid="portal_restricted_paths_moved")
    post_save.connect(_page_saved, dispatch_uid="portal_restricted_paths_alias")
