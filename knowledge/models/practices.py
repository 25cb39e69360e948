import hashlib

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from portal.blocks import BodyBlock
from portal.models import BasePage, IndexPage, TaggedItem

from .base import PER_PAGE, SAFE_RICH_TEXT_FEATURES, card_tags, deferred, live_public

# The GET parameters of /practices/ that narrow the list (knowledge/filters.py).
FILTER_NAMES = ("q", "tag", "sector", "country", "topic")


class PracticeTag(TaggedItem):
    content_object = ParentalKey(
        "knowledge.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticeQuerySet(PageQuerySet):
    def tagged(self, tags):
        return self.filter(tagged_items__tag__in=tags).distinct()

    def in_sector(self, code):
        """A section code (letter) also matches its divisions (a subquery: no join, no
        ``DISTINCT``)."""
        links = PracticePage.sectors.through.objects.filter(
            Q(sector__code=code) | Q(sector__parent__code=code)
        )
        return self.filter(pk__in=links.values("practicepage_id"))

    def in_country(self, code):
        return self.filter(country=code)

    def about_topic(self, topic):
        return self.filter(Q(topics=topic) | Q(tagged_items__tag__in=topic.tags.all())).distinct()

    def authored_by(self, user):
        return self.filter(Q(owner=user) | Q(authors__user=user)).distinct()

    def for_cards(self):
        """Ordered for cards, each with its tags (one query for the tags of all cards)."""
        return self.prefetch_related(card_tags(PracticeTag)).order_by("-first_published_at", "-pk")


class PracticeIndexPage(IndexPage):
    """``/practices/``: the listing with filters (q, tag, sector, country, topic)."""

    subpage_types = ["knowledge.PracticePage"]

    class Meta:
        verbose_name = _("practice index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The filters and the cards are one shared fragment per address (the template): read
        # only when it is not stored.
        listing = deferred(lambda: self.listing(request))
        context.update(
            filter_form=deferred(lambda: listing["filterset"].form),
            page_obj=deferred(lambda: listing["page_obj"]),
            practices=deferred(lambda: listing["page_obj"].object_list),
            # A real bool (the cards' fragment never needs it); no filter in the address, no
            # form to validate.
            active_filters=bool(
                any(request.GET.get(name) for name in FILTER_NAMES) and listing["filterset"].active
            ),
        )
        return context

    def listing(self, request):
        """The filter set of ``request.GET`` and the page of cards it selects."""
        from django.utils.translation import get_language

        from knowledge.filters import PracticeFilterSet
        from portal.page_cache import cached_page

        filterset = PracticeFilterSet(request.GET)
        # The count and the page's cards, kept until the next write to public content: at
        # 20,000 practices the count and the ordered page cost 100 ms of SQL (the visitor's
        # language is a condition on every row).
        query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
        key = f"knowledge:practices:{self.pk}:{get_language()}:{query}"
        page_obj = cached_page(
            lambda: filterset.qs, request.GET.get("page"), key=key, per_page=PER_PAGE
        )
        return {"filterset": filterset, "page_obj": page_obj}


class PracticePage(BasePage):
    """A good practice as a structured card. Cluster managers write the structured sections
    in the public form (sanitised HTML); staff may add a full body in the admin."""

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences, shown on cards.")
    )
    problem = RichTextField(_("problem"), features=SAFE_RICH_TEXT_FEATURES)
    intervention = RichTextField(_("intervention"), features=SAFE_RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), features=SAFE_RICH_TEXT_FEATURES)
    cost = models.CharField(
        _("cost"),
        max_length=120,
        blank=True,
        help_text=_("For example: USD 120,000 over two years, co-funded by the members."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    lessons_learned = RichTextField(
        _("lessons learned"), features=SAFE_RICH_TEXT_FEATURES, blank=True
    )
    replicability = RichTextField(_("replicability"), features=SAFE_RICH_TEXT_FEATURES, blank=True)
    country = CountryField(_("country"), blank=True)
    initiatives = ParentalManyToManyField(
        "registry.InitiativePage",
        blank=True,
        related_name="practices",
        verbose_name=_("initiatives"),
    )
    sectors = ParentalManyToManyField(
        "registry.Sector", blank=True, related_name="practices", verbose_name=_("sectors")
    )
    authors = ParentalManyToManyField(
        "community.MemberProfile",
        blank=True,
        related_name="practices",
        verbose_name=_("authors"),
    )
    topics = ParentalManyToManyField(
        "knowledge.ResearchTopicPage",
        blank=True,
        related_name="linked_practices",
        verbose_name=_("research topics"),
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("tags"))
    body = StreamField(
        BodyBlock(),
        verbose_name=_("additional content"),
        blank=True,
        help_text=_("Optional: images, quotes, embeds (staff only)."),
    )

    objects = PageManager.from_queryset(PracticeQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("intervention"),
        FieldPanel("results"),
        InlinePanel("figures", heading=_("Results in figures"), label=_("figure")),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("duration_months")], heading=_("Cost and duration")
        ),
        FieldPanel("lessons_learned"),
        FieldPanel("replicability"),
        FieldPanel("body"),
    ]
    context_panels = [
        FieldPanel("authors"),
        FieldPanel("initiatives"),
        FieldPanel("sectors"),
        FieldPanel("country"),
        FieldPanel("topics"),
        FieldPanel("tags"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    extra_tabs = [(_("Context"), context_panels)]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("problem"),
        index.SearchField("intervention"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.SearchField("replicability"),
        index.AutocompleteField("summary"),
        index.FilterField("country"),
        index.RelatedFields("tags", [index.SearchField("name", boost=1.5)]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("problem"),
        APIField("intervention"),
        APIField("results"),
        APIField("figures"),
        APIField("cost"),
        APIField("duration_months"),
        APIField("lessons_learned"),
        APIField("replicability"),
        APIField("country"),
        APIField("tags"),
    ]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The article is a shared fragment per page and "may edit" (the template): what it
        # shows is read only when it is not stored.
        linked = deferred(self.linked_pages)
        context.update(
            can_edit=self.can_be_edited_by(request.user),
            authors=deferred(lambda: list(self.authors.all())),
            tags=deferred(lambda: list(self.tags.all())),
            figures=deferred(lambda: list(self.figures.all())),
            attachments=deferred(lambda: list(self.attachments.select_related("document"))),
            sectors=deferred(lambda: list(self.sectors.all())),
            initiatives=deferred(lambda: linked[0]),
            topics=deferred(lambda: linked[1]),
        )
        return context

    def linked_pages(self):
        """The live, public initiatives and research topics this practice links to, each
        list in tree order: one query on the page table for both relations (a revision's
        in-memory relations in the admin's preview included)."""
        initiatives, topics = self.initiatives.all(), self.topics.all()
        if isinstance(initiatives, models.QuerySet) and isinstance(topics, models.QuerySet):
            initiative_ids = initiatives.values("pk")
            topic_ids = topics.values("pk")
        else:
            initiative_ids = [page.pk for page in initiatives]
            topic_ids = [page.pk for page in topics]
        pages = (
            live_public(Page.objects.filter(Q(pk__in=initiative_ids) | Q(pk__in=topic_ids)))
            .annotate(is_topic=Q(pk__in=topic_ids))
            .order_by("path")
        )
        found = list(pages)
        return [p for p in found if not p.is_topic], [p for p in found if p.is_topic]

    def can_be_edited_by(self, user):
        from knowledge.permissions import can_edit_practice

        return can_edit_practice(user, self)

    @property
    def card_meta(self):
        return self.get_country_display() if self.country else ""


class PracticeFigure(Orderable):
    """One result in figures: "‑35 % post-harvest losses"."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="figures")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("%, USD, tonnes…"))
    label = models.CharField(_("what it measures"), max_length=160)

    panels = [FieldPanel("value"), FieldPanel("unit"), FieldPanel("label")]
    api_fields = [APIField("value"), APIField("unit"), APIField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return f"{self.display_value} {self.unit} {self.label}".strip()

    @property
    def display_value(self):
        value = self.value.normalize()
        return f"{value:f}"


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
