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
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"ObservatoryChart.kind must be one of {KINDS}, not {self.kind!r}")


def observatory_charts():
    charts = [fn() for fn in hooks.get_hooks("register_observatory_chart")]
    return sorted(charts, key=lambda chart: (chart.order, chart.key))
