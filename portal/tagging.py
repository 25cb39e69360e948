"""The one place that knows which kinds of content carry the shared ``Tag``.

Each app registers its tagged content in ``wagtail_hooks.py``::

    @hooks.register("register_tagged_type")
    def initiatives():
        return TaggedType(
            key="initiatives", label=_("Initiatives"), order=10,
            items_for_tag=lambda tag, request: InitiativePage.objects.live().public()
                                                .filter(tagged_items__tag=tag),
            card_template="registry/initiative_card.html",
            search_models=(InitiativePage,),
        )

``items_for_tag(tag, request)`` returns a queryset of what the requesting visitor may see
(live, public, visibility rules applied). The tag page, the topic pages and the tag feeds
iterate over :func:`tagged_types`. The site search offers the same types as facets
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
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

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


def tagged_types():
    return sorted((fn() for fn in hooks.get_hooks("register_tagged_type")), key=lambda t: t.order)


def tagged_type(key):
    for tagged in tagged_types():
        if tagged.key == key:
            return tagged
    return None


def _public_through_rows(user):
    """A queryset of through rows whose item is public, per through model pointing at Tag."""
    from .models import Tag, TaggedItem

    public_pages = None
    rows = []
    for relation in Tag._meta.related_objects:
        through = relation.related_model
        if not relation.one_to_many or not issubclass(through, TaggedItem):
            # The taggable managers' many-to-many sides repeat the through models; other
            # foreign keys to Tag (follows) are not content.
            continue
        target = through._meta.get_field("content_object").related_model
        if issubclass(target, Page):
            if public_pages is None:
                public_pages = Page.objects.live().public().values("pk")
            items = public_pages
        elif hasattr(target._default_manager, "visible_to"):
            items = target._default_manager.visible_to(user).values("pk")
        else:
            continue
        rows.append((through, relation.field.name, items))
    return rows


def public_tags(user=None):
    """Tags carried by at least one item ``user`` (``None``: an anonymous visitor) may see."""
    from .models import Tag

    used = Q(pk__in=[])
    for through, tag_field, items in _public_through_rows(user):
        used |= Q(
            Exists(
                through.objects.filter(
                    **{tag_field: OuterRef("pk"), "content_object_id__in": items}
                )
            )
        )
    return Tag.objects.filter(used)


def public_tags_with_usage(user=None):
    """:func:`public_tags` annotated with ``usage``, the number of visible items carrying each
    (one query whatever the number of tags)."""
    from .models import Tag

    usage = Value(0, output_field=IntegerField())
    for through, tag_field, items in _public_through_rows(user):
        counted = (
            through.objects.filter(**{tag_field: OuterRef("pk"), "content_object_id__in": items})
            .order_by()
            .values(tag_field)
            .annotate(n=Count("pk"))
            .values("n")
        )
        usage = usage + Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    return Tag.objects.annotate(usage=usage).filter(usage__gt=0).order_by("name")
