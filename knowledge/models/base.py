"""Pieces shared by the knowledge pages: the restricted-sections cache, the safe rich-text
feature set and the listings' page size (the locale fallback is ``portal.i18n.localized``)."""

from django.core.cache import cache
from django.db.models import QuerySet

from wagtail.models import PageViewRestriction

# What the public forms may store and what staff get in the admin for the structured
# sections: headings, lists, links, bold and italic (see knowledge/sanitising.py).
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]

PER_PAGE = 12


RESTRICTED_CACHE_KEY = "knowledge:restricted-paths"


def restricted_paths():
    """Tree paths of pages under a view restriction, from the cache (cleared whenever a
    restriction is added or removed, in every process sharing the cache)."""
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


def clear_caches(**kwargs):
    cache.delete(RESTRICTED_CACHE_KEY)
