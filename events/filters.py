"""The GET filters of ``/events/`` and of the public ``/events/calendar.ics``: ``program``
(slug), ``kind``, ``tag`` (slug) and ``month`` (YYYY-MM); the listing adds ``when``
(``past``, anything else is upcoming).

A value that does not validate is left out and reported in ``errors`` (the listing says
"some filters were not recognised"); the other filters still apply."""

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

import django_filters

from portal.i18n import localized
from portal.models import Tag
from portal.visibility import live_public

from .models import EventPage, ProgramPage

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_SLUG_LENGTH = 100


class SlugChoiceField(forms.ModelChoiceField):
    """A choice among ``queryset`` by slug; the first match wins (two programs of different
    sites may share a slug)."""

    def to_python(self, value):
        value = str(value or "").strip()[:MAX_SLUG_LENGTH]
        if not value:
            return None
        obj = self.queryset.filter(slug=value).first()
        if obj is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return obj


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class WhenField(forms.CharField):
    """``past`` or ``upcoming``: any other value is the default view, never an error."""

    def to_python(self, value):
        return "past" if super().to_python(value) == "past" else "upcoming"


class WhenFilter(django_filters.CharFilter):
    field_class = WhenField


class EventFilterSet(django_filters.FilterSet):
    program = SlugChoiceFilter(method="filter_program", queryset=ProgramPage.objects.none())
    kind = django_filters.ChoiceFilter(choices=EventPage.Kind.choices)
    tag = SlugChoiceFilter(field_name="tagged_items__tag", queryset=Tag.objects.all())
    month = django_filters.CharFilter(
        method="filter_month", validators=[RegexValidator(MONTH_RE)], max_length=7
    )

    class Meta:
        model = EventPage
        fields = []

    def __init__(self, data=None, queryset=None, *, locale, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["program"].queryset = localized(live_public(ProgramPage.objects.all()), locale)

    @property
    def values(self):
        """The valid filters (``{"program": ProgramPage, "kind": "webinar", ...}``)."""
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data

    def filter_program(self, queryset, name, value):
        return queryset.child_of(value)

    def filter_month(self, queryset, name, value):
        year, month = MONTH_RE.match(value).groups()
        return queryset.filter(local_start_date__year=int(year), local_start_date__month=int(month))


class EventListFilterSet(EventFilterSet):
    """The listing: upcoming events soonest first, or past ones latest first."""

    when = WhenFilter(method="filter_when")

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    @property
    def period(self):
        """``"upcoming"`` or ``"past"``."""
        return self.values.get("when") or "upcoming"

    def filter_when(self, queryset, name, value):
        if value == "past":
            return queryset.filter(end__lte=self.now).order_by("-start", "pk")
        return queryset.filter(end__gt=self.now).order_by("start", "pk")
