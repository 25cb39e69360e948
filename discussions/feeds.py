"""RSS 2.0 and Atom feeds of the threads of one space (``all``, ``general`` or a page id)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors
from .sanitising import plain_text

FEED_SIZE = 20


class SpaceFeed(Feed):
    def get_object(self, request, space):
        if space == "all":
            return {"key": "all", "page": None}
        if space == "general":
            return {"key": "general", "page": None}
        if not space.isdigit():
            raise Http404("no such space")
        page = selectors.space_get(page_id=int(space))
        if page is None:
            raise Http404("no such space")
        return {"key": space, "page": page}

    def title(self, obj):
        if obj["page"] is not None:
            return _("Articula discussions: %(space)s") % {"space": obj["page"].title}
        if obj["key"] == "general":
            return _("Articula discussions: general space")
        return _("Articula discussions")

    def description(self, obj):
        return _("The latest discussions of the Articula community.")

    subtitle = description

    def link(self, obj):
        if obj["page"] is not None:
            return reverse("discussions:space", args=[obj["page"].pk])
        if obj["key"] == "general":
            return reverse("discussions:general")
        return reverse("discussions:index")

    def items(self, obj):
        if obj["page"] is not None:
            threads = selectors.thread_list(space=obj["page"])
        else:
            threads = selectors.thread_list(general=obj["key"] == "general")
        return list(threads.order_by("-created_at", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text(item.body)[:600]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_author_name(self, item):
        from portal.emails import display_name

        return display_name(item.author) if item.author else _("Former member")


class SpaceAtomFeed(SpaceFeed):
    feed_type = Atom1Feed
