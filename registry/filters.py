"""The registry's filters, shared by the list, the map and the open data endpoints."""

import contextlib

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters
from django_countries import countries

from portal.search import MAX_QUERY_LENGTH, QueryTooLong, normalise_query

from .models import InitiativeKind, InitiativePage, QualityLabel, Sector, Stage

FILTER_KEYS = ("q", "country", "region", "sector", "stage", "kind", "tag", "label", "verified")
SORTS = {
    "name": ("title", "pk"),
    "newest": ("-first_published_at", "-pk"),
}


#: Filters that take several values (``?country=CO&country=PE``): an initiative matches any of
#: them. The others take one value.
MULTI_KEYS = ("country", "sector", "tag")
MAX_VALUES = 20


class MultiValueField(forms.Field):
    """Several plain values from repeated GET parameters, each at most ``max_length``."""

    widget = forms.SelectMultiple

    def __init__(self, *, max_length, **kwargs):
        self.max_length = max_length
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = [str(item).strip() for item in value if str(item).strip()]
        if len(values) > MAX_VALUES:
            raise forms.ValidationError(
                _("Choose at most %(limit)d values."), code="too_many", params={"limit": MAX_VALUES}
            )
        if any(len(item) > self.max_length for item in values):
            raise forms.ValidationError(_("A value is too long."), code="max_length")
        return list(dict.fromkeys(values))


class SectorCodesField(MultiValueField):
    def clean(self, value):
        codes = super().clean(value)
        if codes and set(codes) - sector_codes():
            raise forms.ValidationError(_("Unknown sector code."), code="invalid")
        return codes


def sector_codes():
    """Every sector code (a few hundred), kept in the shared cache until the next write to
    public content: the list checks its sector filter without a query."""
    from portal.page_cache import fragment

    return fragment(
        "registry:sector-codes", lambda: set(Sector.objects.values_list("code", flat=True))
    )


class MultiValueFilter(django_filters.Filter):
    field_class = MultiValueField


class SectorCodesFilter(django_filters.Filter):
    field_class = SectorCodesField

    def filter(self, qs, value):
        if not value:
            return qs
        sector_q = Q(sectors__code__in=value) | Q(sectors__parent__code__in=value)
        return qs.filter(pk__in=InitiativePage.objects.filter(sector_q).values("pk"))


class InitiativeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=MAX_QUERY_LENGTH)
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), choices=lambda: list(countries)
    )
    region = django_filters.CharFilter(label=_("Region"), method="filter_region", max_length=120)
    sector = SectorCodesFilter(label=_("Sector"), max_length=4)
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InitiativeKind.choices)
    tag = MultiValueFilter(label=_("Tag"), method="filter_tag", max_length=100)
    label = django_filters.ChoiceFilter(
        label=_("Quality label"), field_name="quality_label", choices=QualityLabel.choices
    )
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
        if not value:
            return qs
        return qs.filter(
            pk__in=InitiativePage.objects.filter(tagged_items__tag__slug__in=value).values("pk")
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
    ignored). A key of ``MULTI_KEYS`` gives a list of its distinct values (``data`` may be a
    ``QueryDict`` or a dict of strings or lists), the others one string."""
    params = {}
    for key in FILTER_KEYS:
        if key in MULTI_KEYS:
            raw = data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
            if isinstance(raw, str):
                raw = [raw]
            values = [v.strip()[:500] for v in raw[: MAX_VALUES + 1] if isinstance(v, str)]
            values = list(dict.fromkeys(v for v in values if v))
            if values:
                params[key] = values
            continue
        value = data.get(key, "")
        if key == "q" and isinstance(value, str):
            # Query syntax (a lone ", *, :) would break the database backend's full-text
            # search: plain words only. A query too long stays as it is for the form to refuse.
            with contextlib.suppress(QueryTooLong):
                value = normalise_query(value[:500])
        if isinstance(value, str) and value.strip():
            params[key] = value.strip()[:500]
    return params


def active_filter_count(params):
    """How many choices the visitor made: each value of a multi-value filter counts."""
    return sum(len(value) if isinstance(value, list) else 1 for value in params.values())


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
