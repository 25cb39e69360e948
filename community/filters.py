"""The GET filters of the member directory (``/members/``): ``q``, ``tag`` (a slug, or a label
typed in any language), ``country``, ``organization_type`` and ``language``.

As on every list (registry, practices, events), a value that does not validate is left out and
the other filters still apply; a bad address is never an error page. ``organisation_type`` is
still read: links made before the spelling was unified use it."""

from django import forms
from django.db.models import Q

import django_filters

from portal.models import Tag
from portal.tagging import tag_for_label
from portal.vocabularies import OrganizationType

from .models import LANGUAGE_CHOICES, MemberProfile

MAX_TEXT = 100


class TrimmedCharField(forms.CharField):
    """Free text, trimmed and cut to ``MAX_TEXT`` characters (a longer query is shortened, not
    refused, as before)."""

    def to_python(self, value):
        return super().to_python(value).strip()[:MAX_TEXT]


class TrimmedCharFilter(django_filters.CharFilter):
    field_class = TrimmedCharField


class MemberFilterSet(django_filters.FilterSet):
    q = TrimmedCharFilter(method="filter_q")
    tag = TrimmedCharFilter(method="filter_tag")
    country = django_filters.CharFilter(method="filter_country", max_length=2)
    organization_type = django_filters.ChoiceFilter(choices=OrganizationType.choices)
    language = django_filters.ChoiceFilter(
        choices=LANGUAGE_CHOICES, field_name="languages", lookup_expr="contains"
    )

    class Meta:
        model = MemberProfile
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("organization_type") and data.get("organisation_type"):
            data = data.copy()
            data["organization_type"] = data["organisation_type"]
        super().__init__(data, *args, **kwargs)

    @property
    def values(self):
        """The valid filters, e.g. ``{"tag": <Tag coffee>, "country": "CO"}``; empty ones left
        out."""
        self.errors  # noqa: B018 (validates the form)
        values = {name: value for name, value in self.form.cleaned_data.items() if value}
        if "tag" in values:
            values["tag"] = self.chosen_tag
        return values

    @property
    def chosen_tag(self):
        """The ``Tag`` the ``tag`` filter names (by slug, else by a label in any language), or
        None."""
        if not hasattr(self, "_tag"):
            self.errors  # noqa: B018
            text = self.form.cleaned_data.get("tag") or ""
            self._tag = (
                (Tag.objects.filter(slug=text).first() or tag_for_label(text)) if text else None
            )
        return self._tag

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(display_name__icontains=value)
            | Q(organization__icontains=value)
            | Q(role__icontains=value)
            | Q(city__icontains=value)
            | Q(expertise_items__tag__name__iexact=value)
        )

    def filter_tag(self, queryset, name, value):
        tag = self.chosen_tag
        if tag is None:
            return queryset.none()  # an unknown tag matches nobody
        from .models import MemberExpertiseTag, MemberOfferingTag, MemberSeekingTag

        # One subquery per link table, each read from its (tag, profile) index: three LEFT
        # JOINs under an OR read every profile and link (a second at 50,000 members).
        carrying = Q()
        for through in (MemberExpertiseTag, MemberOfferingTag, MemberSeekingTag):
            carrying |= Q(pk__in=through.objects.filter(tag=tag).values("content_object_id"))
        return queryset.filter(carrying)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.strip().upper())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("q") or self.form.cleaned_data.get("tag"):
            # The tag joins may repeat a profile: keep each once.
            queryset = MemberProfile.objects.filter(pk__in=queryset.values("pk"))
        return queryset.with_tags().order_by("display_name", "pk")
