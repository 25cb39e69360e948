from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from portal.models import BasePage, IndexPage, TaggedItem

from .base import SAFE_RICH_TEXT_FEATURES, deferred

TOPICS_PER_PAGE = 24


class TopicTag(TaggedItem):
    content_object = ParentalKey(
        "knowledge.ResearchTopicPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TopicIndexPage(IndexPage):
    subpage_types = ["knowledge.ResearchTopicPage"]

    class Meta:
        verbose_name = _("topic index page")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import topic_list

        context = super().get_context(request, *args, **kwargs)
        # The cards are a shared fragment per address (the template): counted and read only
        # when it is not stored, so the page costs the same whatever the number of pages.
        page_obj = deferred(
            lambda: Paginator(topic_list(), TOPICS_PER_PAGE).get_page(request.GET.get("page"))
        )
        context.update(page_obj=page_obj, topics=deferred(lambda: page_obj.object_list))
        return context


class ResearchTopicPage(BasePage):
    """A research topic curated by staff. Its page gathers everything that shares its tags."""

    summary = models.TextField(_("summary"), max_length=300)
    description = RichTextField(_("description"), features=SAFE_RICH_TEXT_FEATURES)
    key_questions = StreamField(
        [("question", blocks.CharBlock(label=_("Question"), max_length=300))],
        verbose_name=_("key questions"),
        blank=True,
    )
    coordinators = ParentalManyToManyField(
        "community.MemberProfile",
        blank=True,
        related_name="coordinated_topics",
        verbose_name=_("coordinators"),
    )
    tags = ClusterTaggableManager(through=TopicTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("key_questions"),
        FieldPanel("coordinators"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("description"),
        index.SearchField("key_questions"),
        index.AutocompleteField("summary"),
        index.RelatedFields("tags", [index.SearchField("name", boost=1.5)]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("key_questions"),
        APIField("tags"),
    ]
    parent_page_types = ["knowledge.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("research topic")
        verbose_name_plural = _("research topics")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import topic_sections

        context = super().get_context(request, *args, **kwargs)
        # All but the follow button is shared fragments (the template): what they show is
        # read only when they are not stored.
        tags = deferred(lambda: list(self.tags.all()))
        context.update(
            topic_tags=tags,
            coordinator_profiles=deferred(lambda: list(self.coordinators.all())),
            # A list, not the lazy object: the ORM rebuilds an ``__in`` value with its type.
            sections=deferred(lambda: topic_sections(topic=self, tags=list(tags), request=request)),
        )
        return context
