"""RSS 2.0 and Atom feeds: practices, news, and everything carrying a tag."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized
from portal.tagging import public_tags, tagged_types

from .models import NewsPage, PracticePage
from .models.base import live_public

FEED_SIZE = 20


class PracticeFeed(Feed):
    title = _("Articula: good practices")
    description = _("The latest good practices shared by cluster initiatives.")

    def link(self):
        return "/practices/"

    def items(self):
        return list(
            localized(live_public(PracticePage.objects.all())).order_by(
                "-first_published_at", "-pk"
            )[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url() or item.url_path

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PracticeAtomFeed(PracticeFeed):
    feed_type = Atom1Feed
    subtitle = PracticeFeed.description


class NewsFeed(Feed):
    title = _("Articula: news")
    description = _("Session reports, calls and announcements.")

    def link(self):
        return "/news/"

    def items(self):
        return list(
            localized(live_public(NewsPage.objects.all())).order_by("-date", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url() or item.url_path

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(12)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class TagFeed(Feed):
    """The latest items of every type carrying the tag (pages and anything with a URL)."""

    per_type = 10

    def get_object(self, request, slug):
        self.request = request
        user = request.user if request.user.is_authenticated else None
        return get_object_or_404(public_tags(user), slug=slug)

    def title(self, tag):
        return _("Articula: %(tag)s") % {"tag": tag.label}

    def description(self, tag):
        return _("Everything tagged “%(tag)s” on Articula.") % {"tag": tag.label}

    def link(self, tag):
        return reverse("portal:tag", args=[tag.slug])

    def items(self, tag):
        entries = []
        for tagged in tagged_types():
            # One query per type: the feed shows no tags or cards, so what a type prefetches
            # for its card (its tags, say) is dropped.
            queryset = tagged.items_for_tag(tag, self.request).prefetch_related(None)
            model = queryset.model
            field_names = {f.name for f in model._meta.get_fields()}
            if "first_published_at" in field_names:
                queryset = queryset.order_by("-first_published_at")
            for item in queryset[: self.per_type]:
                if self._url(item):
                    entries.append((tagged, item))
        entries.sort(key=lambda entry: self._date(entry[1]), reverse=True)
        return entries[:FEED_SIZE]

    @staticmethod
    def _url(item):
        if hasattr(item, "get_url"):
            return item.get_url()
        if hasattr(item, "get_absolute_url"):
            return item.get_absolute_url()
        return ""

    @staticmethod
    def _date(item):
        for name in ("first_published_at", "created_at", "date_joined"):
            value = getattr(item, name, None)
            if isinstance(value, datetime):
                return value
        return timezone.make_aware(datetime(2000, 1, 1))

    def item_title(self, entry):
        tagged, item = entry
        return f"{getattr(item, 'title', None) or item} ({tagged.label})"

    def item_description(self, entry):
        item = entry[1]
        return getattr(item, "summary", "") or getattr(item, "search_description", "") or ""

    def item_link(self, entry):
        return self._url(entry[1])

    def item_guid(self, entry):
        tagged, item = entry
        return f"{tagged.key}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return self._date(entry[1])


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag):
        return self.description(tag)
