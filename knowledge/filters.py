"""The GET filters of ``/practices/``: ``q``, ``tag``, ``sector``, ``country`` and ``topic``.

A value that does not validate is left out (the form reports it next to its field) and the
other filters still apply, as on the registry's list: a bad address is never an error page."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters

from portal.converters import MAX_INT
from portal.i18n import localized
from portal.quickselect import QuickSelect

from .forms import country_choices
from .models import PracticePage, PracticeTag, ResearchTopicPage
from .models.base import live_public
from .search import MAX_QUERY_LENGTH, search_ids
from .selectors import practice_list


class SlugFilter(django_filters.CharFilter):
    field_class = forms.SlugField


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PracticeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = SlugFilter(label=_("Tag"), method="filter_tag")
    sector = django_filters.CharFilter(label=_("Sector"), method="filter_sector", max_length=4)
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        method="filter_country",
        choices=country_choices,
        empty_label=None,
        widget=QuickSelect,  # 250 countries: Django's per-option templates cost most of the page
    )
    topic = IntegerFilter(
        label=_("Research topic"), method="filter_topic", min_value=1, max_value=MAX_INT
    )

    class Meta:
        model = PracticePage
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = practice_list()
        super().__init__(data, queryset=queryset, **kwargs)
        # Callables: the choices are read when the form is rendered, not when it validates.
        self.filters["sector"].extra["widget"] = QuickSelect(choices=sector_choices)
        self.filters["topic"].extra["widget"] = QuickSelect(choices=topic_choices)

    @property
    def qs(self):
        # Tags, sectors and topics filter through ``pk__in`` subqueries, never joins: one row
        # per practice without a ``DISTINCT`` (which made the count and the page cost more).
        return super().qs.for_cards()

    @property
    def active(self):
        """Whether any valid filter narrows the list (for the "Clear filters" link)."""
        self.errors  # noqa: B018 (validates the form)
        return any(self.form.cleaned_data.values())

    def filter_q(self, queryset, name, value):
        # The site's search backend finds the matching practices; the other filters stay in SQL.
        return queryset.filter(pk__in=search_ids(live_public(PracticePage.objects.all()), value))

    def filter_tag(self, queryset, name, value):
        tagged = PracticeTag.objects.filter(tag__slug=value).values("content_object_id")
        return queryset.filter(pk__in=tagged)

    def filter_sector(self, queryset, name, value):
        return queryset.in_sector(value)

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_topic(self, queryset, name, value):
        # Practices linked to the topic in any language, or sharing one of its tags.
        topic = ResearchTopicPage.objects.filter(pk=value).first()
        if topic is None:
            return queryset.none()
        linked = PracticePage.topics.through.objects.filter(
            researchtopicpage__translation_key=topic.translation_key
        ).values("practicepage_id")
        tagged = PracticeTag.objects.filter(tag__in=topic.tags.all()).values("content_object_id")
        return queryset.filter(Q(pk__in=linked) | Q(pk__in=tagged))


def topic_choices():
    topics = localized(live_public(ResearchTopicPage.objects.all())).order_by("title")
    return [("", _("Any topic")), *((t.pk, t.title) for t in topics)]


def sector_choices():
    # The registry's sectors, through the relation practices declare (apps import only portal
    # and accounts: tests/test_architecture.py).
    sector_model = PracticePage._meta.get_field("sectors").related_model
    return [("", _("Any sector")), *((s.code, str(s)) for s in sector_model.objects.sections())]
