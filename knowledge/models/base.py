"""Pieces shared by the knowledge pages: the safe rich-text feature set and the listings' page
size (visibility is ``portal.visibility.live_public``, the locale fallback
``portal.i18n.localized``)."""

from django.db.models import IntegerField, Prefetch, Value
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.visibility import live_public, live_public_related  # noqa: F401 (re-exported)

# What the public forms may store and what staff get in the admin for the structured
# sections: headings, lists, links, bold and italic (see knowledge/sanitising.py).
SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]

PER_PAGE = 12


def deferred(compute):
    """``compute()``'s value, computed when something first reads it, in the language of the
    request that built it: the context of a page whose HTML is a ``{% shared_fragment %}``.
    A stored fragment reads none of it, so a warm page builds no queryset, runs no query and
    unpickles no card (that was most of an uncached list's time); a cold one, a preview or a
    test reading ``response.context`` computes it as before."""
    language = translation.get_language()

    def evaluate():
        with translation.override(language):
            return compute()

    return SimpleLazyObject(evaluate)


def card_tags(through):
    """``tagged_items`` with their tags in one query (``prefetch_related("tagged_items__tag")``
    takes two): what ``{{ item|tags_of }}`` reads on every card."""
    return Prefetch("tagged_items", queryset=through.objects.select_related("tag"))


def prefetch_card_tags(items):
    """Fill ``tagged_items`` (each with its tag) of every page in ``items`` that has them and
    has not got them yet, whatever its type, from ONE query (a union of the types' through
    tables) rather than one ``card_tags`` prefetch per list: the topic page's sections."""
    from portal.models import Tag

    by_through = {}
    for item in items:
        cache = getattr(item, "_prefetched_objects_cache", {})
        if item.pk is None or "tagged_items" in cache:
            continue
        manager = getattr(type(item), "tagged_items", None)
        if manager is None:
            continue
        by_through.setdefault(manager.rel.related_model, []).append(item)
    if not by_through:
        return
    throughs = list(by_through)
    tag_fields = [field.attname for field in Tag._meta.concrete_fields]
    parts = [
        through.objects.filter(content_object_id__in=[item.pk for item in by_through[through]])
        .annotate(kind=Value(index, output_field=IntegerField()))
        .values_list("kind", "pk", "content_object_id", *(f"tag__{name}" for name in tag_fields))
        .order_by()
        for index, through in enumerate(throughs)
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {}
    for kind, pk, owner_id, *tag_values in rows.order_by("kind", "pk"):
        tagged = throughs[kind](pk=pk, content_object_id=owner_id, tag_id=tag_values[0])
        tagged.tag = Tag.from_db(None, tag_fields, tag_values)
        found.setdefault((kind, owner_id), []).append(tagged)
    for kind, through in enumerate(throughs):
        for item in by_through[through]:
            tagged_items = through.objects.filter(content_object=item)
            tagged_items._result_cache = found.get((kind, item.pk), [])
            tagged_items._prefetch_done = True
            item.__dict__.setdefault("_prefetched_objects_cache", {})["tagged_items"] = tagged_items
