"""The observatory: every registered chart with its table, filters kept in the URL, a CSV
behind each chart and an embeddable page per chart.

All three are public, read-only GET views: anonymous answers are stored by the page cache
(portal/page_cache.py) and the chart rows by observatory/selectors.py, both emptied by any
write to public content."""

import functools

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from csp.decorators import csp_replace

from portal import page_cache
from portal.csv_safety import SafeWriter

from . import selectors, svg
from .forms import ObservatoryFilterForm


def _filters(request, generation):
    form = ObservatoryFilterForm(
        request.GET or None, choices=selectors.filter_choices(generation=generation)
    )
    return form, form.filters()


def _ignored(chart, filters):
    """Names of the active filters this chart does not apply."""
    return [
        name
        for name in ("country", "sector", "stage")
        if getattr(filters, name) and name not in chart.applies
    ]


def _columns(chart):
    """Headers of the value columns: one per series, else the unit."""
    return [str(name) for name in chart.series] or [str(chart.unit or _("Value"))]


def _cells(row):
    """A row's values, one per column: ``value`` is the first series."""
    return [row.value, *row.values[1:]]


def _block(chart, rows, filters, query, country_names):
    suffix = f"?{urlencode(query)}" if query else ""
    return {
        "chart": chart,
        "rows": rows,
        "svg": svg.render(
            chart, rows, **({"country_names": country_names} if chart.kind == "map" else {})
        ),
        "csv_url": reverse("observatory:csv", kwargs={"key": chart.key}) + suffix,
        "embed_url": reverse("observatory:embed", kwargs={"key": chart.key}) + suffix,
        "ignored": _ignored(chart, filters),
        "total": svg.fmt(sum(row.value for row in rows)),
        "columns": _columns(chart),
        "table": [
            {"label": row.label, "cells": [svg.fmt(value) for value in _cells(row)]} for row in rows
        ],
        "legend": svg.legend_buckets(max((row.value for row in rows), default=0))
        if chart.kind == "map"
        else [],
    }


@require_safe
def index(request):
    generation = page_cache.generation()
    form, filters = _filters(request, generation)
    query = form.query()

    @functools.cache
    def charts():
        """Rows, SVG and tables of every chart: built only when the template's shared
        fragment is not stored yet (``{% shared_fragment "observatory-charts" %}``)."""
        chart_list = selectors.chart_list()
        rows_by_key = {
            chart.key: selectors.chart_rows(chart=chart, filters=filters, generation=generation)
            for chart in chart_list
        }
        country_names = dict(form.fields["country"].choices[1:])
        # One group per name, in the order of its first chart: apps register charts of the
        # same group (two "Initiatives" groups would repeat the section's id).
        groups = {}
        for chart in chart_list:
            block = _block(chart, rows_by_key[chart.key], filters, query, country_names)
            name = str(chart.group)
            group = groups.setdefault(
                name, {"name": chart.group, "slug": slugify(name), "blocks": []}
            )
            group["blocks"].append(block)
        figures = selectors.figures(charts=chart_list, rows_by_key=rows_by_key)
        return {
            "groups": list(groups.values()),
            "figures": figures,
            "figure_cells": [(label, svg.fmt(total)) for label, total in figures],
        }

    return render(
        request,
        "observatory/index.html",
        {"form": form, "filters": filters, "charts": charts, "query": query},
    )


def _chart_or_404(key):
    chart = selectors.chart_get(key=key)
    if chart is None:
        raise Http404(_("There is no such chart."))
    return chart


@require_safe
def chart_csv(request, key):
    chart = _chart_or_404(key)
    generation = page_cache.generation()
    _form, filters = _filters(request, generation)
    rows = selectors.chart_rows(chart=chart, filters=filters, generation=generation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{chart.key}.csv"'
    columns = _columns(chart)
    writer = SafeWriter(response, numeric_columns=range(2, 2 + len(columns)))
    writer.writerow([_("Year") if chart.kind == "line" else _("Category"), _("Code"), *columns])
    for row in rows:
        writer.writerow([row.label, row.key, *_cells(row)])
    return response


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, key):
    """One chart, its table and an attribution, for other sites' iframes: framing is allowed
    here only (the rest of the site sends ``frame-ancestors 'none'`` and ``X-Frame-Options:
    DENY``)."""
    chart = _chart_or_404(key)
    generation = page_cache.generation()
    form, filters = _filters(request, generation)
    rows = selectors.chart_rows(chart=chart, filters=filters, generation=generation)
    query = form.query()
    block = _block(chart, rows, filters, query, dict(form.fields["country"].choices[1:]))
    source = reverse("observatory:index") + (f"?{urlencode(query)}" if query else "")
    return render(
        request,
        "observatory/embed.html",
        {"block": block, "form": form, "source_url": request.build_absolute_uri(source)},
    )
