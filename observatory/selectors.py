"""Reads of the observatory: the registered charts, their rows (cached), the filter choices.

Each chart's ``data(filters)`` is one aggregate query. Its rows are kept in the shared cache
under the page cache's generation token (``portal.page_cache.generation``), so any write to
public content that empties the page cache also makes every chart's rows stale: the
observatory page costs no chart query while nothing changes, and is right again at once when
something does. The key holds the language (labels are translated) and the filters.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from portal import page_cache
from portal.observatory import ChartRow, ObservatoryFilters, observatory_charts

ROWS_TIMEOUT = 24 * 3600  # the generation changes on every write; this only frees memory
FILTER_NAMES = ("country", "sector", "stage")


def chart_list():
    return observatory_charts()


def chart_get(*, key):
    return next((chart for chart in observatory_charts() if chart.key == key), None)


def _plain(row):
    """A row that pickles the same in every process: lazy labels forced to text, numbers as
    int when whole."""

    def number(value):
        if value is None:
            return 0
        value = float(value)
        return int(value) if value.is_integer() else value

    return ChartRow(
        label=str(row.label),
        value=number(row.value),
        key=str(row.key or ""),
        values=tuple(number(v) for v in row.values),
    )


def rows_cache_key(chart, filters, generation):
    applied = ObservatoryFilters(**{name: getattr(filters, name) for name in chart.applies})
    digest = hashlib.sha256(
        f"{applied.country}|{applied.sector}|{applied.stage}".encode()
    ).hexdigest()[:16]
    return f"observatory:{generation}:{get_language() or ''}:{chart.key}:{digest}"


def chart_rows(*, chart, filters, generation=None):
    """The rows of ``chart`` under ``filters`` (only those it ``applies``), from the cache."""
    applied = ObservatoryFilters(**{name: getattr(filters, name) for name in chart.applies})
    key = rows_cache_key(chart, applied, generation or page_cache.generation())
    rows = cache.get(key)
    if rows is None:
        rows = [_plain(row) for row in chart.data(applied)]
        cache.set(key, rows, ROWS_TIMEOUT)
    return rows


def filter_choices(*, generation=None):
    """``{"country": [(code, label), ...], "sector": [...], "stage": [...]}`` from the charts
    that offer them (``ObservatoryChart.filter_choices``), unfiltered."""
    generation = generation or page_cache.generation()
    choices = {name: [] for name in FILTER_NAMES}
    for chart in chart_list():
        if chart.filter_choices in choices and not choices[chart.filter_choices]:
            rows = chart_rows(chart=chart, filters=ObservatoryFilters(), generation=generation)
            pairs = [(row.key, row.label) for row in rows if row.key]
            if chart.filter_choices != "sector":  # sectors read best in ISIC order
                pairs.sort(key=lambda pair: pair[1].casefold())
            choices[chart.filter_choices] = pairs
    return choices


def figures(*, charts, rows_by_key):
    """The headline figures: ``[(label, total)]`` of the charts that declare one."""
    return [
        (chart.figure, sum(row.value for row in rows_by_key[chart.key]))
        for chart in charts
        if chart.figure
    ]
