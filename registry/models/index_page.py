"""The registry's index page: one per locale, slug ``initiatives``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import IndexPage


class InitiativeIndexPage(IndexPage):
    """The registry: list and map of the initiatives of its locale (one per locale, slug
    ``initiatives``). The list, filters and open data are built by ``registry.page_selectors``
    and served by ``registry.views``."""

    # Overrides IndexPage.intro (500 characters): the registry keeps its longer limit.
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    subpage_types = ["registry.InitiativePage"]

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
