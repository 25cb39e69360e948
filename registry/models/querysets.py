"""Chainable filters of initiatives (``InitiativePage.objects.live().in_country("CO")``)."""

from django.db import models

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from .vocabularies import Sector


class InitiativePageQuerySet(PageQuerySet):
    def in_country(self, code):
        return self.filter(country=code)

    def in_region(self, region):
        return self.filter(region__iexact=region)

    def in_sector(self, sector):
        """``sector``: a Sector or its code; a section also matches its divisions."""
        if not isinstance(sector, Sector):
            sector = Sector.objects.filter(code=sector).first()
            if sector is None:
                return self.none()
        if sector.is_section:
            return self.filter(
                models.Q(sectors=sector) | models.Q(sectors__parent=sector)
            ).distinct()
        return self.filter(sectors=sector)

    def at_stage(self, stage):
        return self.filter(stage=stage)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def tagged(self, slug):
        return self.filter(tagged_items__tag__slug=slug)

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def managed_by(self, user):
        return self.filter(manager_links__user=user)

    def without_managers(self):
        return self.exclude(manager_links__isnull=False)


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)
