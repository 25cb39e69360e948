"""Pieces shared by the knowledge pages: the safe rich-text feature set and the listings' page
size (visibility is ``portal.visibility.live_public``, the locale fallback
``portal.i18n.localized``)."""

from django.db.models import Prefetch

from portal.visibility import live_public, live_public_related  # noqa: F401 (re-exported)

# What the public forms may store and what staff get in the admin for the structured
# sections: headings, lists, links, bold and italic (see knowledge/sanitising.py).
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]

PER_PAGE = 12


def card_tags(through):
    """``tagged_items`` with their tags in one query (``prefetch_related("tagged_items__tag")``
    takes two): what ``{{ item|tags_of }}`` reads on every card."""
    return Prefetch("tagged_items", queryset=through.objects.select_related("tag"))
