"""The observatory's charts as accessible SVG, drawn on the server (no chart library, no
script): horizontal bars for categories, lines for years, a choropleth for countries.

Every chart is ``<svg role="img" aria-labelledby="<title id> <desc id>">`` with a ``<title>``
(the chart's title) and a ``<desc>`` (a sentence with the largest values); the template puts
the full data table next to it. Colours come from classes styled in
``observatory/observatory.css`` (the site's CSP allows no ``style`` attribute), so the print
stylesheet and a high-contrast mode can restyle them.
"""

import math

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import geo

BAR_WIDTH = 360
BAR_ROW = 44
LINE_WIDTH, LINE_HEIGHT = 420, 240
MAP_BUCKETS = 5
LABEL_CHARS = 44


def fmt(value):
    """A value in the active language's number format (1,234 / 1.234), decimals only when it
    has some."""
    if value is None:
        return ""
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(float(value), 1), decimal_pos=1, force_grouping=True)


def short(label, limit=LABEL_CHARS):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def describe(chart, rows):
    """The text alternative: how many rows, and the three largest."""
    if not rows:
        return _("No data for these filters.")
    if chart.kind == "line":
        first, last = rows[0], rows[-1]
        peak = max(rows, key=lambda row: row.value)
        return _("From %(first)s to %(last)s; highest in %(peak)s: %(value)s.") % {
            "first": first.label,
            "last": last.label,
            "peak": peak.label,
            "value": fmt(peak.value),
        }
    top = sorted(rows, key=lambda row: -row.value)[:3]
    listed = "; ".join(f"{row.label}: {fmt(row.value)}" for row in top)
    return _("%(count)s categories. Largest: %(listed)s.") % {"count": len(rows), "listed": listed}


def _open(chart, rows, width, height, extra_class=""):
    title_id, desc_id = f"chart-{chart.key}-title", f"chart-{chart.key}-desc"
    return format_html(
        '<svg class="obs-chart obs-chart--{kind}{extra}" viewBox="{vb}" role="img" '
        'aria-labelledby="{t} {d}" xmlns="http://www.w3.org/2000/svg" '
        'preserveAspectRatio="xMinYMin meet">'
        '<title id="{t}">{title}</title><desc id="{d}">{desc}</desc>',
        kind=chart.kind,
        extra=f" {extra_class}" if extra_class else "",
        vb=f"0 0 {width} {height}" if isinstance(width, int | float) else width,
        t=title_id,
        d=desc_id,
        title=chart.title,
        desc=describe(chart, rows),
    )


def bar_chart(chart, rows):
    """One row per category: its label above a bar, the value at the bar's end."""
    height = max(BAR_ROW * len(rows), BAR_ROW)
    peak = max((row.value for row in rows), default=0) or 1
    parts = [_open(chart, rows, BAR_WIDTH, height)]
    usable = BAR_WIDTH - 60
    for i, row in enumerate(rows):
        y = i * BAR_ROW
        width = max(row.value / peak * usable, 1 if row.value else 0)
        parts.append(
            format_html(
                '<g class="obs-bar"><text class="obs-label" x="0" y="{ty}">{label}</text>'
                '<rect class="obs-bar__rect" x="0" y="{ry}" width="{w}" height="16" rx="2"></rect>'
                '<text class="obs-value" x="{vx}" y="{vy}">{value}</text></g>',
                ty=y + 15,
                label=short(row.label),
                ry=y + 21,
                w=f"{width:.1f}",
                vx=f"{width + 6:.1f}",
                vy=y + 34,
                value=fmt(row.value),
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 (a constant)
    return mark_safe("".join(parts))  # noqa: S308 (built with format_html)


def nice_ticks(peak, count=4):
    """Round axis steps: 0, 250, 500, ... covering ``peak``."""
    if peak <= 0:
        return [0, 1]
    raw = peak / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(peak / step) + 1)]


def line_chart(chart, rows):
    """Years along x (proportional, so a gap shows as a gap), one line per series."""
    left, right, top, bottom = 44, 12, 12, 32
    inner_w, inner_h = LINE_WIDTH - left - right, LINE_HEIGHT - top - bottom
    series = [[row.value for row in rows]]
    if chart.series:
        series = [
            [(row.values[i] if i < len(row.values) else 0) or 0 for row in rows]
            for i in range(len(chart.series))
        ]
    years = [int(row.label) for row in rows]
    first, last = (min(years), max(years)) if years else (0, 1)
    span = (last - first) or 1
    ticks = nice_ticks(max((max(values, default=0) for values in series), default=0))
    top_value = ticks[-1] or 1

    def x(year):
        return left + (year - first) / span * inner_w if len(years) > 1 else left + inner_w / 2

    def y(value):
        return top + inner_h - (value or 0) / top_value * inner_h

    parts = [_open(chart, rows, LINE_WIDTH, LINE_HEIGHT)]
    for tick in ticks:
        parts.append(
            format_html(
                '<line class="obs-gridline" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"></line>'
                '<text class="obs-axis" x="{tx}" y="{ty}" text-anchor="end">{v}</text>',
                x1=left,
                x2=LINE_WIDTH - right,
                y=f"{y(tick):.1f}",
                tx=left - 6,
                ty=f"{y(tick) + 4:.1f}",
                v=fmt(tick),
            )
        )
    label_every = max(1, math.ceil(len(years) / 6))
    last = len(years) - 1
    for i, year in enumerate(years):
        # Every label_every-th year, and the last one unless it would touch the one before.
        if i % label_every == 0 or (i == last and last % label_every >= label_every / 2):
            parts.append(
                format_html(
                    '<text class="obs-axis" x="{x}" y="{y}" text-anchor="middle">{label}</text>',
                    x=f"{x(year):.1f}",
                    y=LINE_HEIGHT - bottom + 18,
                    label=year,
                )
            )
    for index, values in enumerate(series):
        points = " ".join(
            f"{x(year):.1f},{y(value):.1f}" for year, value in zip(years, values, strict=True)
        )
        parts.append(
            format_html(
                '<polyline class="obs-line obs-line--{i}" points="{p}"></polyline>',
                i=index,
                p=points,
            )
        )
        for year, value in zip(years, values, strict=True):
            parts.append(
                format_html(
                    '<circle class="obs-dot obs-line--{i}" cx="{x}" cy="{y}" r="3.5">'
                    "<title>{year}: {value}</title></circle>",
                    i=index,
                    x=f"{x(year):.1f}",
                    y=f"{y(value):.1f}",
                    year=year,
                    value=fmt(value),
                )
            )
    parts.append(mark_safe("</svg>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308


def bucket(value, peak):
    """Which of ``MAP_BUCKETS`` shades a count gets (0 = no data)."""
    if not value:
        return 0
    return min(MAP_BUCKETS, 1 + int((value / peak) * MAP_BUCKETS - 1e-9)) if peak else 0


def legend_buckets(peak):
    """``[(bucket, low, high)]`` for the map's legend."""
    if not peak:
        return []
    step = peak / MAP_BUCKETS
    return [
        (i, math.floor(step * (i - 1)) + 1, math.floor(step * i))
        for i in range(1, MAP_BUCKETS + 1)
        if math.floor(step * i) >= math.floor(step * (i - 1)) + 1
    ]


def choropleth(chart, rows, *, country_names=None):
    """Countries shaded by value (five classes), framed on the countries with data. Each shape
    carries its name and value in a ``<title>`` (a tooltip; the table is the accessible
    version)."""
    values = {row.key: row for row in rows if row.key}
    peak = max((row.value for row in rows), default=0)
    box = geo.view_box(set(values))
    x0, y0, w, h = box
    parts = [_open(chart, rows, f"{x0} {y0} {w} {h}", h)]
    for shape in geo.country_shapes():
        sx0, sy0, sx1, sy1 = shape.bbox
        if sx1 < x0 or sx0 > x0 + w or sy1 < y0 or sy0 > y0 + h:
            continue
        row = values.get(shape.code)
        name = (country_names or {}).get(shape.code) or (row.label if row else shape.name)
        label = f"{name}: {fmt(row.value)}" if row else name
        parts.append(
            format_html(
                '<path class="obs-country obs-country--{b}" d="{d}"><title>{label}</title></path>',
                b=bucket(row.value if row else 0, peak),
                d=shape.d,
                label=label,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308


def render(chart, rows, **kwargs):
    if chart.kind == "line":
        return line_chart(chart, rows)
    if chart.kind == "map":
        return choropleth(chart, rows, **kwargs)
    return bar_chart(chart, rows)


__all__ = ["bar_chart", "choropleth", "describe", "escape", "line_chart", "render"]
