"""The one place that knows which kinds of content carry the shared ``Tag``.

Each app registers its tagged content in ``wagtail_hooks.py``::

    @hooks.register("register_tagged_type")
    def initiatives():
        return TaggedType(
            key="initiatives", label=_("Initiatives"), order=10,
            items_for_tag=lambda tag, request: InitiativePage.objects.live().public()
                                                .filter(tagged_items__tag=tag),
            card_template="registry/initiative_card.html",
        )

``items_for_tag(tag, request)`` returns a queryset of what the requesting visitor may see
(live, public, visibility rules applied). The tag page, the topic pages and the tag feeds
iterate over :func:`tagged_types`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from wagtail import hooks


@dataclass(frozen=True)
class TaggedType:
    key: str
    label: str | Promise
    order: int
    items_for_tag: Callable
    card_template: str


def tagged_types():
    return sorted((fn() for fn in hooks.get_hooks("register_tagged_type")), key=lambda t: t.order)


def tagged_type(key):
    for tagged in tagged_types():
        if tagged.key == key:
            return tagged
    return None
