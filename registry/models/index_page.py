"""The registry's index page: one per locale, slug ``initiatives``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class InitiativeIndexPage(Page):
    """The registry: list and map of the initiatives of its locale (one per locale, slug
    ``initiatives``). The list, filters and open data are built by ``registry.page_selectors`` and served by ``registry.views``."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["registry.InitiativePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("initiative index page")
        permissions = [("import_initiatives", _("Can import and export initiatives"))]

    def get_context(self, request, *args, **kwargs):
        from registry.page_selectors import index_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_page_context(request=request, index_page=self))
        return context

    def get_template(self, request, *args, **kwargs):
        return "registry/initiative_index_page.html"
