"""The GET filters of ``/projects/``: ``status``, ``tag`` (slug) and ``country`` (ISO code).
A value that does not validate is left out and reported (``errors``); the others still apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

import django_filters
from django_countries import countries

from portal.models import Tag

from .models import ProjectPage, ProjectStatus

MAX_SLUG_LENGTH = 100


class TagSlugField(forms.ModelChoiceField):
    def to_python(self, value):
        value = str(value or "").strip()[:MAX_SLUG_LENGTH]
        if not value:
            return None
        tag = self.queryset.filter(slug=value).first()
        if tag is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return tag


class TagSlugFilter(django_filters.ModelChoiceFilter):
    field_class = TagSlugField


class ProjectFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    # A text box for the tag's slug (as the registry's filter), not a list of every tag: the
    # page costs the same with 70 tags or 1,000 (no query for the choices, nothing to render).
    tag = TagSlugFilter(
        field_name="tagged_items__tag",
        queryset=Tag.objects.all(),
        label=_("Tag"),
        widget=forms.TextInput(attrs={"maxlength": MAX_SLUG_LENGTH}),
    )
    # The names in the visitor's language (a callable: evaluated per form, not at import).
    country = django_filters.ChoiceFilter(
        choices=lambda: list(countries), method="filter_country", label=_("Country")
    )

    class Meta:
        model = ProjectPage
        fields = []

    def filter_country(self, queryset, name, value):
        # CountryField(multiple=True) stores "CO,PE,..." : match one code among them.
        return queryset.filter(countries__regex=rf"(^|,){value}(,|$)")

    @property
    def values(self):
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data
