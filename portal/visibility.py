"""Which pages a visitor may see in lists: live, and outside any section under a view
restriction (password, login or group), whatever the app.

``live_public(qs)`` is ``qs.live().public()`` without the restriction query on every call:
the restricted paths are cached in the shared cache and cleared whenever a restriction is
added or removed, in every process sharing that cache (``connect()``, from PortalConfig)."""

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction

RESTRICTED_CACHE_KEY = "portal:restricted-paths"


def restricted_paths():
    """Tree paths of pages under a view restriction."""
    paths = cache.get(RESTRICTED_CACHE_KEY)
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        cache.set(RESTRICTED_CACHE_KEY, paths, 3600)
    return paths


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


def connect():
    post_save.connect(
        clear_restricted_paths, sender=PageViewRestriction, dispatch_uid="portal_restricted_paths"
    )
    post_delete.connect(
        clear_restricted_paths,
        sender=PageViewRestriction,
        dispatch_uid="portal_restricted_paths_del",
    )
