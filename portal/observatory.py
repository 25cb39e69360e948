"""What each app contributes to the observatory (``/observatory/``), so that the observatory
app draws every chart without importing another app::

    @hooks.register("register_observatory_chart")
    def initiatives_by_country():
        return ObservatoryChart(
            key="initiatives-by-country", title=_("Initiatives by country"), order=10,
            kind="bar", group=_("Initiatives"),
            data=lambda filters: [ChartRow(label="Colombia", value=160, key="CO"), ...],
        )

``data(filters)`` returns the rows drawn, in order; ``filters`` is an :class:`ObservatoryFilters`
of the visitor's choice, which the chart applies as far as its data allows (a chart of events
ignores the stage, say). ``kind`` is one of ``KINDS``: ``"bar"`` (categories), ``"line"``
(``label`` is a year, rows in time order), ``"map"`` (``key`` an ISO 3166 alpha-2 country code).
``series`` names extra values per row for charts with more than one (``ChartRow.values``).

Optional fields the observatory reads:

- ``applies``: the filters ``data`` honours (default all three); the page says which ones a
  chart ignores, rather than showing unfiltered numbers as if they were filtered.
- ``filter_choices``: ``"country"``, ``"sector"`` or ``"stage"`` when the chart's unfiltered
  rows (``key``, ``label``) are the choices of that filter, so that the observatory offers
  only values that have data, in the visitor's language, without knowing the registry.
- ``scope``: a short note on which records the chart counts (the registry's charts: "live
  records only"), shown under the chart's description.
- ``figure``: a headline figure ("Initiatives") shown above the charts: the sum of the chart's
  values, so only for charts whose rows count each item once (initiatives by kind, not by
  sector: an initiative may have several sectors).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from wagtail import hooks

KINDS = ("bar", "line", "map")


@dataclass(frozen=True)
class ObservatoryFilters:
    country: str = ""  # ISO 3166 alpha-2, "" for all
    sector: str = ""  # ISIC section letter, "" for all
    stage: str = ""  # an initiative stage value, "" for all

    @property
    def active(self):
        return bool(self.country or self.sector or self.stage)


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    key: str = ""
    values: tuple = ()  # one per ObservatoryChart.series, when the chart has several


@dataclass(frozen=True)
class ObservatoryChart:
    key: str
    title: str
    order: int
    kind: str
    data: Callable
    group: str = ""
    unit: str = ""
    description: str = ""
    series: tuple = field(default_factory=tuple)
    applies: tuple = ("country", "sector", "stage")
    filter_choices: str = ""
    figure: str = ""
    scope: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"ObservatoryChart.kind must be one of {KINDS}, not {self.kind!r}")


def observatory_charts():
    charts = [fn() for fn in hooks.get_hooks("register_observatory_chart")]
    return sorted(charts, key=lambda chart: (chart.order, chart.key))


@dataclass(frozen=True)
class StewardshipFigure:
    """A number for the staff panels of the Wagtail admin home (observatory/wagtail_hooks.py),
    registered with ``register_stewardship_figure``::

        @hooks.register("register_stewardship_figure")
        def new_practices():
            return StewardshipFigure(
                key="new-practices", label=_("New practices"), order=30, panel="growth",
                count=lambda: live_public(PracticePage.objects.all())
                .filter(first_published_at__date__gte=month_start()).count(),
            )

    ``panel``: ``"growth"`` (added this month: see :func:`month_start`) or ``"stale"``
    (records to check). ``count()`` is one query; ``items(limit)``, optional, lists the first
    ``limit`` records as ``(title, admin URL, detail)`` (one query)."""

    key: str
    label: str
    order: int
    panel: str
    count: Callable
    items: Callable | None = None

    def __post_init__(self):
        if self.panel not in STEWARDSHIP_PANELS:
            raise ValueError(f"StewardshipFigure.panel must be one of {STEWARDSHIP_PANELS}")


STEWARDSHIP_PANELS = ("growth", "stale")


def month_start():
    """The first day of the current month (local time): where "this month" begins."""
    return timezone.localdate().replace(day=1)


def stewardship_figures(panel):
    figures = [fn() for fn in hooks.get_hooks("register_stewardship_figure")]
    return sorted(
        (figure for figure in figures if figure.panel == panel),
        key=lambda figure: (figure.order, figure.key),
    )


def rows_by_isic_section(links, item_field):
    """Chart rows of items per ISIC section, from ``links`` (a queryset of an ``<item>.sectors``
    through table, already limited to the items counted) whose item column is ``item_field``:
    a division counts for its section, an item once per section. One query."""
    from django.db.models import Count
    from django.db.models.functions import Coalesce
    from django.utils.translation import get_language

    language = (get_language() or "en")[:2]
    name = f"name_{language}" if language in ("es", "pt") else "name_en"
    rows = (
        links.annotate(section=Coalesce("sector__parent__code", "sector__code"))
        .values("section")
        .annotate(
            n=Count(item_field, distinct=True),
            name=Coalesce(f"sector__parent__{name}", f"sector__{name}"),
            name_en=Coalesce("sector__parent__name_en", "sector__name_en"),
        )
        .order_by("section")
    )
    return [
        ChartRow(
            label=f"{r['section']} · {r['name'] or r['name_en']}", value=r["n"], key=r["section"]
        )
        for r in rows
    ]
