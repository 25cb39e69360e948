"""The one place that knows which kinds of content carry the shared ``Tag``.

Each app registers its tagged content in ``wagtail_hooks.py``::

    @hooks.register("register_tagged_type")
    def initiatives():
        return TaggedType(
            key="initiatives", label=_("Initiatives"), order=10,
            items_for_tag=lambda tag, request: localized(InitiativePage.objects.live().public())
                                                .filter(tagged_items__tag=tag),
            card_template="registry/initiative_card.html",
            search_models=(InitiativePage,),
        )

``items_for_tag(tag, request)`` returns a queryset of what the requesting visitor may see
(live, public, visibility rules applied), pages through ``portal.i18n.localized`` (the
visitor's language, else the original), so that every type falls back alike.

What a type returns may depend on the request only through the active language and whether
the visitor is signed in (``request.user.is_authenticated``): the tag pages, an initiative's
related content and a topic's sections keep the items in the shared cache per language and
kind of visitor until the next write to public content (``portal.page_cache.fragment``). The
items must pickle (model instances with their prefetched relations do).

``items_for_tags(tags, request)`` (optional) answers "what carries any of ``tags``" (the
related content of a page, a topic's sections) as ONE queryset: each item once (subqueries
on the through table rather than a join plus ``DISTINCT``), visibility as for
``items_for_tag``, what the card template needs prefetched. Callers go through
:meth:`TaggedType.queryset_for_any_tag` (the queryset, to count or slice) or
:meth:`TaggedType.items_for_any_tag` (a list of at most ``limit``); both fall back to OR-ing
one ``items_for_tag`` queryset per tag (correct, but it builds and compiles one filtered
queryset per tag)::

    items_for_tags=lambda tags, request: localized(live_public(PracticePage.objects)).filter(
        pk__in=PracticeTag.objects.filter(tag__in=tags).values("content_object_id")
    ).order_by("-first_published_at")
    ), The tag page, the
topic pages and the tag feeds iterate over :func:`tagged_types`. The site search offers the same types as facets
(portal/search_types.py): pages through ``search_models``, the page types its backend
searches; other content through ``search(query, request)``, a queryset of what the visitor
may see that matches. A type with neither is not a search facet.

Which tags exist publicly (the cloud, the autocomplete, the tag pages and feeds) is decided
by :func:`public_tags`: a tag is public once one item carrying it is, whatever the through
model (``<Model>Tag``, a ``TaggedItem`` subclass). An item is public when it is a live page
outside private sections, or, for a model that is not a page (member profiles), when it is
in ``<Model>.objects.visible_to(user)``: such a model must provide that manager method, or
its tags never count. A tag proposed in a submission therefore stays private until a
moderator publishes the content.

The tables that carry a tag are named, never found by walking the foreign keys to ``Tag``:
every through model is a subclass of ``portal.models.TaggedItem`` (:func:`tag_through_models`),
and a table that points at a tag without using it registers a :class:`TagReference`::

    @hooks.register("register_tag_reference")
    def follows():
        return TagReference(model=Follow, tag_field="tag", owner_field="user")

Usage counts (:func:`public_tags_with_usage`, :func:`tags_with_usage`) count through rows only,
so that following a tag never counts as using it; :func:`tag_merge` repoints both kinds.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Page


@dataclass(frozen=True)
class TaggedType:
    key: str
    label: str | Promise
    order: int
    items_for_tag: Callable
    card_template: str
    search_models: tuple = ()
    search: Callable | None = None
    items_for_tags: Callable | None = None

    def queryset_for_any_tag(self, tags, request):
        """What carries any of ``tags`` that ``request``'s visitor may see, each item once:
        the type's ``items_for_tags`` if it registers one, else the ``items_for_tag``
        querysets of every tag OR-ed together."""
        tags = list(tags)
        if self.items_for_tags is not None:
            return self.items_for_tags(tags, request)
        items = self.items_for_tag(tags[0], request)
        for tag in tags[1:]:
            items = items | self.items_for_tag(tag, request)
        return items.distinct() if len(tags) > 1 else items

    def items_for_any_tag(self, tags, request, *, limit):
        """Up to ``limit`` items of :meth:`queryset_for_any_tag` (a list; none for no tags)."""
        tags = list(tags)
        if not tags:
            return []
        return list(self.queryset_for_any_tag(tags, request)[:limit])


def tagged_types():
    return sorted((fn() for fn in hooks.get_hooks("register_tagged_type")), key=lambda t: t.order)


def tagged_type(key):
    for tagged in tagged_types():
        if tagged.key == key:
            return tagged
    return None


@dataclass(frozen=True)
class TagReference:
    """A model that points at a tag without being a use of it (a member following the tag):
    ``tag_field`` is its foreign key to ``Tag``, ``owner_field`` what may point at a tag once
    (the member). Counts leave it out; a merge repoints it."""

    model: type
    tag_field: str
    owner_field: str


def tag_references():
    return [fn() for fn in hooks.get_hooks("register_tag_reference")]


def tag_through_models():
    """Every through model that tags content with the shared ``Tag`` (the ``<Model>Tag``
    subclasses of ``TaggedItem``; their foreign key is ``tag``, the tagged item
    ``content_object``), in a stable order."""
    from .models import TaggedItem

    return sorted(
        (model for model in apps.get_models() if issubclass(model, TaggedItem)),
        key=lambda model: model._meta.label,
    )


def _public_through_rows(user):
    """``(through model, visible items)`` for each through model whose items can be public."""
    public_pages = None
    rows = []
    for through in tag_through_models():
        target = through._meta.get_field("content_object").related_model
        if issubclass(target, Page):
            if public_pages is None:
                # The cached restricted paths, not ``.public()``'s subquery on restrictions.
                from .visibility import live_public

                public_pages = live_public(Page.objects.all()).values("pk")
            items = public_pages
        elif hasattr(target._default_manager, "visible_to"):
            items = target._default_manager.visible_to(user).values("pk")
        else:
            continue
        rows.append((through, items))
    return rows


def _usage(rows):
    """A ``Tag`` annotation: the number of ``rows`` (``(through model, filter)`` pairs) that
    carry the tag, one correlated count per through model."""
    usage = Value(0, output_field=IntegerField())
    for through, extra in rows:
        counted = (
            through.objects.filter(tag=OuterRef("pk"), **extra)
            .order_by()
            .values("tag")
            .annotate(n=Count("pk"))
            .values("n")
        )
        usage = usage + Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    return usage


def public_tags(user=None):
    """Tags carried by at least one item ``user`` (``None``: an anonymous visitor) may see."""
    from .models import Tag

    used = Q(pk__in=[])
    for through, items in _public_through_rows(user):
        used |= Q(Exists(through.objects.filter(tag=OuterRef("pk"), content_object_id__in=items)))
    return Tag.objects.filter(used)


def public_tags_with_usage(user=None):
    """:func:`public_tags` with ``usage``, the number of visible items carrying each, as a
    list by name. Two queries whatever the number of tags: the counts grouped by tag in each
    through model (one ``UNION ALL``, each table read once), then the tags. A correlated count
    per tag re-read the visible pages for every tag: 62 s for 1,000 tags at scale."""
    from .models import Tag

    parts = [
        through.objects.filter(content_object_id__in=items)
        .order_by()
        .values("tag_id")
        .annotate(n=Count("pk"))
        .values_list("tag_id", "n")
        for through, items in _public_through_rows(user)
    ]
    # One flat UNION ALL: chaining .union() nests each step in a subquery, and SQLite's parser
    # overflows its stack past half a dozen tagged types.
    counted = parts[0].union(*parts[1:], all=True) if parts else ()
    usage = Counter()
    for tag_id, n in counted:
        usage[tag_id] += n
    tags = list(Tag.objects.filter(pk__in=list(usage)).order_by("name"))
    for tag in tags:
        tag.usage = usage[tag.pk]
    return tags


def tags_with_usage():
    """Every tag (the admin's list) annotated with ``usage``, the number of items carrying it,
    published or not; follows are not uses (one query)."""
    from .models import Tag

    usage = _usage((through, {}) for through in tag_through_models())
    return Tag.objects.annotate(usage=usage).order_by("name")


@transaction.atomic
def tag_merge(*, sources, target):
    """Give everything tagged with one of ``sources`` the tag ``target`` instead, in every
    through model and every :class:`TagReference` (follows), without repeating a tag on one
    item; then delete the sources. One transaction. Returns the number of items that moved
    (follows not counted)."""
    from .models import Tag

    source_ids = [tag.pk for tag in sources if tag.pk != target.pk]
    if not source_ids:
        raise ValueError(_("Nothing to merge."))
    moved = 0
    for through in tag_through_models():
        moved += _repoint(through, "tag", "content_object", source_ids, target)
    for reference in tag_references():
        _repoint(reference.model, reference.tag_field, reference.owner_field, source_ids, target)
    Tag.objects.filter(pk__in=source_ids).delete()
    return moved


def _repoint(model, tag_field, owner_field, source_ids, target):
    """Point ``model``'s rows from ``source_ids`` at ``target``, keeping one row per owner: a
    row is dropped when its owner already has ``target`` or an earlier source row. Three
    statements whatever the number of rows; returns the number repointed."""
    manager = model._default_manager
    rows = manager.filter(**{f"{tag_field}__in": source_ids})
    has_target = manager.filter(**{tag_field: target}).values(owner_field)
    rows.filter(**{f"{owner_field}__in": has_target}).delete()
    first = rows.order_by().values(owner_field).annotate(first=Min("pk")).values("first")
    rows.exclude(pk__in=first).delete()
    return rows.update(**{tag_field: target})


def tag_for_label(text, *, language=None):
    """The existing tag that ``text`` names by its slug or its label in any language, case and
    accents ignored ("café" finds coffee), or ``None``: see ``portal/tag_labels.py``."""
    from .tag_labels import tag_for_label as find

    return find(text, language=language)
