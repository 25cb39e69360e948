from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey

from portal.blocks import BodyBlock
from portal.models import BasePage, IndexPage, TaggedItem

from .base import PER_PAGE, deferred


class NewsTag(TaggedItem):
    content_object = ParentalKey(
        "knowledge.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(IndexPage):
    subpage_types = ["knowledge.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import news_list

        context = super().get_context(request, *args, **kwargs)
        # The cards are a shared fragment per address (the template): read only when it is
        # not stored.
        page_obj = deferred(
            lambda: Paginator(news_list(), PER_PAGE).get_page(request.GET.get("page"))
        )
        context.update(page_obj=page_obj, news_items=deferred(lambda: page_obj.object_list))
        return context


class NewsPage(BasePage):
    """Session reports, calls and announcements, written by staff."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=300)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name", boost=1.5)]),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("image"),
        APIField("body"),
        APIField("tags"),
    ]
    parent_page_types = ["knowledge.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
