"""Pieces shared by the knowledge pages: locale fallback, the safe rich-text feature set and
the listing helper."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q

from wagtail.models import Locale, Page

# What the public forms may store and what staff get in the admin for the structured
# sections: headings, lists, links, bold and italic (see knowledge/sanitising.py).
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]

PER_PAGE = 12


def for_active_locale(queryset, locale=None):
    """Pages in the visitor's locale, plus default-locale pages not yet translated to it, so
    a Spanish visitor sees every practice once (in Spanish where a translation exists)."""
    try:
        locale = locale or Locale.get_active()
    except Locale.DoesNotExist:
        return queryset
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None or locale.pk == default.pk:
        return queryset.filter(locale_id=locale.pk)
    # Filters stay on indexed columns (locale, translation_key) so that search backends
    # accept them too.
    translated = Page.objects.filter(locale_id=locale.pk).values("translation_key")
    return queryset.filter(
        Q(locale_id=locale.pk) | (Q(locale_id=default.pk) & ~Q(translation_key__in=translated))
    )


def paginate(request, object_list, per_page=PER_PAGE):
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
