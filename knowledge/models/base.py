"""Pieces shared by the knowledge pages: locale fallback, the safe rich-text feature set and
the listings' page size."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction

# What the public forms may store and what staff get in the admin for the structured
# sections: headings, lists, links, bold and italic (see knowledge/sanitising.py).
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]

PER_PAGE = 12


LOCALES_CACHE_KEY = "knowledge:locale-ids"
RESTRICTED_CACHE_KEY = "knowledge:restricted-paths"


def locale_ids():
    """``{language_code: locale id}``, from the cache (cleared when a Locale changes)."""
    ids = cache.get(LOCALES_CACHE_KEY)
    if ids is None:
        ids = dict(Locale.objects.values_list("language_code", "pk"))
        cache.set(LOCALES_CACHE_KEY, ids, 3600)
    return ids


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
    cache.delete_many([LOCALES_CACHE_KEY, RESTRICTED_CACHE_KEY])


def for_active_locale(queryset, locale=None):
    """Pages in the visitor's locale, plus default-locale pages not yet translated to it, so
    a Spanish visitor sees every practice once (in Spanish where a translation exists)."""
    ids = locale_ids()
    code = (
        locale.language_code
        if locale
        else get_supported_content_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    )
    active, default = ids.get(code), ids.get(settings.LANGUAGE_CODE)
    if active is None:
        return queryset
    if default is None or active == default:
        return queryset.filter(locale_id=active)
    # Filters stay on indexed columns (locale, translation_key) so that search backends
    # accept them too.
    translated = Page.objects.filter(locale_id=active).values("translation_key")
    return queryset.filter(
        Q(locale_id=active) | (Q(locale_id=default) & ~Q(translation_key__in=translated))
    )
