"""The registry's filters, shared by the list, the map and the open data endpoints."""

import contextlib

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters
from django_countries import countries

from portal.search import MAX_QUERY_LENGTH, QueryTooLong, normalise_query

from .models import InitiativeKind, InitiativePage, Sector, Stage

FILTER_KEYS = ("q", "country", "region", "sector", "stage", "kind", "tag", "verified")
SORTS = {
    "name": ("title", "pk"),
    "newest": ("-first_published_at", "-pk"),
}


class SectorCodeField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value and not Sector.objects.filter(code=value).exists():
            raise forms.ValidationError(_("Unknown sector code."), code="invalid")
        return value


class SectorCodeFilter(django_filters.CharFilter):
    field_class = SectorCodeField

    def filter(self, qs, value):
        if not value:
            return qs
        sector_q = Q(sectors__code=value) | Q(sectors__parent__code=value)
        return qs.filter(pk__in=InitiativePage.objects.filter(sector_q).values("pk"))


class InitiativeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=MAX_QUERY_LENGTH)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries))
    region = django_filters.CharFilter(label=_("Region"), method="filter_region", max_length=120)
    sector = SectorCodeFilter(label=_("Sector"), max_length=4)
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InitiativeKind.choices)
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag", max_length=100)
    verified = django_filters.ChoiceFilter(
        label=_("Verified by a partner"),
        choices=[("yes", _("Verified")), ("no", _("Not verified"))],
        method="filter_verified",
    )

    class Meta:
        model = InitiativePage
        fields = []

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # The site's search backend finds the matching pages; the other filters stay in SQL.
        # The ids are kept for the facet counts (``selectors.facets``), which reuse them.
        self.search_ids = search_ids(value)
        return qs.filter(pk__in=self.search_ids)

    def filter_region(self, qs, name, value):
        value = value.strip()
        return qs.filter(region__iexact=value) if value else qs

    def filter_tag(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            pk__in=InitiativePage.objects.filter(tagged_items__tag__slug=value).values("pk")
        )

    def filter_verified(self, qs, name, value):
        from .verification import verified_filter

        return verified_filter(qs, value == "yes") if value else qs


MAX_SEARCH_RESULTS = 2000


def search_ids(value):
    """Ids of the live initiatives the site's search backend finds for ``value`` (at most
    ``MAX_SEARCH_RESULTS``)."""
    results = InitiativePage.objects.live().search(value, operator="and")
    return [page.pk for page in results[:MAX_SEARCH_RESULTS]]


def clean_params(data):
    """Only the known filter keys, with a bounded length (the rest of a huge query string is
    ignored)."""
    params = {}
    for key in FILTER_KEYS:
        value = data.get(key, "")
        if key == "q" and isinstance(value, str):
            # Query syntax (a lone ", *, :) would break the database backend's full-text
            # search: plain words only. A query too long stays as it is for the form to refuse.
            with contextlib.suppress(QueryTooLong):
                value = normalise_query(value[:500])
        if isinstance(value, str) and value.strip():
            params[key] = value.strip()[:500]
    return params


def build_filterset(data, queryset):
    """A bound filterset on ``queryset``; invalid parameters are dropped (and reported in
    ``errors``) so that the rest still applies."""
    params = clean_params(data)
    filterset = InitiativeFilterSet(params, queryset=queryset)
    errors = {}
    if not filterset.is_valid():
        errors = {key: list(value) for key, value in filterset.errors.items()}
        params = {key: value for key, value in params.items() if key not in errors}
        filterset = InitiativeFilterSet(params, queryset=queryset)
        filterset.is_valid()
    filterset.invalid = errors
    filterset.params = params
    return filterset
