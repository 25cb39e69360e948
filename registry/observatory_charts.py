"""The registry's charts of the observatory (``register_observatory_chart``, registered in
wagtail_hooks.py) and its figures for the staff panels (``register_stewardship_figure``).

Every ``data(filters)`` but one is ONE aggregate query (GROUP BY) over the initiatives a visitor sees:
live, public, one per translation group (``selectors.initiative_list``, i.e.
``portal.i18n.localized``), so an initiative and its translations count once. The sector
filter matches an ISIC section and its divisions (a subquery on the through table: no join,
no DISTINCT). "Records by state" is the exception: three counts (live, stale, archived).
Every other chart counts live records only, and says so (``ObservatoryChart.scope``)."""

from dataclasses import replace

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from django_countries import countries

from portal.observatory import (
    ChartRow,
    ObservatoryChart,
    StewardshipFigure,
    month_start,
    rows_by_isic_section,
)
from portal.visibility import live_public

from . import freshness
from .models import InitiativeIndicator, InitiativeKind, InitiativePage, Stage
from .selectors import initiative_list

GROUP = _("Initiatives")
RESULTS = _("Members and results")
TOP_REGIONS = 20


def initiatives(filters):
    """The initiatives the observatory counts, under ``filters`` (an ObservatoryFilters)."""
    return filtered(initiative_list(), filters)


def filtered(qs, filters):
    """``qs`` (initiative pages) under ``filters``."""
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.sector:
        through = InitiativePage.sectors.through.objects.filter(
            Q(sector__code=filters.sector) | Q(sector__parent__code=filters.sector)
        )
        qs = qs.filter(pk__in=through.values("initiativepage_id"))
    return qs.order_by()


def by_country(filters):
    rows = initiatives(filters).values("country").annotate(n=Count("pk"))
    result = [
        ChartRow(label=countries.name(r["country"]), value=r["n"], key=r["country"]) for r in rows
    ]
    return sorted(result, key=lambda row: (-row.value, row.label))


def by_region(filters):
    rows = (
        initiatives(filters)
        .exclude(region="")
        .values("country", "region")
        .annotate(n=Count("pk"))
        .order_by("-n", "region")[:TOP_REGIONS]
    )
    return [
        ChartRow(
            label=f"{r['region']} ({countries.name(r['country'])})", value=r["n"], key=r["region"]
        )
        for r in rows
    ]


def by_sector(filters):
    """Initiatives per ISIC section (a division counts for its section); an initiative with
    several sectors counts once in each."""
    return rows_by_isic_section(
        InitiativePage.sectors.through.objects.filter(
            initiativepage_id__in=initiatives(filters).values("pk")
        ),
        "initiativepage_id",
    )


def _by_choice(field, choices):
    def data(filters):
        counts = dict(
            initiatives(filters).exclude(**{field: ""}).values_list(field).annotate(n=Count("pk"))
        )
        return [
            ChartRow(label=str(label), value=counts[value], key=value)
            for value, label in choices
            if counts.get(value)
        ]

    return data


def by_program(filters):
    rows = (
        initiatives(filters)
        .filter(support_program__isnull=False)
        .values("support_program__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "support_program__name")
    )
    return [ChartRow(label=r["support_program__name"], value=r["n"]) for r in rows]


def registered_by_year(filters):
    rows = (
        initiatives(filters)
        .filter(first_published_at__isnull=False)
        .annotate(year=ExtractYear("first_published_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return [ChartRow(label=str(r["year"]), value=r["n"]) for r in rows]


def founded_by_year(filters):
    rows = (
        initiatives(filters)
        .filter(year_founded__isnull=False)
        .values("year_founded")
        .annotate(n=Count("pk"))
        .order_by("year_founded")
    )
    return [ChartRow(label=str(r["year_founded"]), value=r["n"]) for r in rows]


def member_firms_by_country(filters):
    rows = (
        initiatives(filters)
        .filter(member_firms__isnull=False)
        .values("country")
        .annotate(n=Sum("member_firms"))
    )
    result = [
        ChartRow(label=countries.name(r["country"]), value=r["n"], key=r["country"]) for r in rows
    ]
    return sorted(result, key=lambda row: (-row.value, row.label))


def indicators_by_year(filters):
    """The yearly indicators of every initiative, summed by year (members and new export
    markets; sales growth is a rate and is not summed)."""
    rows = (
        InitiativeIndicator.objects.filter(page_id__in=initiatives(filters).values("pk"))
        .values("year")
        .annotate(members=Sum("members"), markets=Sum("new_export_markets"))
        .order_by("year")
    )
    return [
        ChartRow(
            label=str(r["year"]),
            value=r["members"] or 0,
            values=(r["members"] or 0, r["markets"] or 0),
        )
        for r in rows
    ]


def _indicator_sum_by_year(column):
    def data(filters):
        rows = (
            InitiativeIndicator.objects.filter(
                page_id__in=initiatives(filters).values("pk"), **{f"{column}__isnull": False}
            )
            .values("year")
            .annotate(total=Sum(column))
            .order_by("year")
        )
        return [ChartRow(label=str(r["year"]), value=r["total"] or 0) for r in rows]

    return data


def records_by_state(filters):
    """Live, stale and archived initiatives, one per translation group, with the definitions
    of the rest of the site: live as every other chart counts them (``initiatives``), stale
    as the moderators' list and the admin panel count them (``freshness.stale_initiatives``:
    a part of the live ones), archived as the open data lists them (``record_state``
    "archived": unpublished by the freshness loop). Three counts, cached with the rows."""
    archived = filtered(initiative_list(with_archived=True), filters).filter(
        live=False, archive__isnull=False
    )
    stale = freshness.stale_initiatives(
        queryset=filtered(live_public(InitiativePage.objects.all()), filters)
    )
    counts = {
        "live": initiatives(filters).count(),
        "stale": stale.count(),
        "archived": archived.values("translation_key").distinct().count(),
    }
    labels = {
        "live": pgettext_lazy("initiatives", "Live"),
        "stale": pgettext_lazy("initiatives", "Stale (also live)"),
        "archived": pgettext_lazy("initiatives", "Archived"),
    }
    return [ChartRow(label=str(labels[key]), value=counts[key], key=key) for key in labels]


LIVE_ONLY = _("Counts live records only: archived initiatives appear in “Records by state”.")


def charts():
    """Every chart of the registry, in the observatory's order: all but "Records by state"
    count the live records only, and say so."""
    live = [replace(chart, scope=LIVE_ONLY) for chart in _live_charts()]
    return [
        *live,
        ObservatoryChart(
            key="initiatives-by-state",
            title=_("Records by state"),
            order=19,
            kind="bar",
            group=GROUP,
            data=records_by_state,
            description=_(
                "Live initiatives are on the map; stale ones are live but not verified within "
                "the confirmation interval; archived ones were unpublished after unanswered "
                "reminders and stay in the open data."
            ),
        ),
    ]


def _live_charts():
    return [
        ObservatoryChart(
            key="initiatives-by-country",
            title=_("Initiatives by country"),
            order=10,
            kind="bar",
            group=GROUP,
            data=by_country,
            filter_choices="country",
            figure=_("Initiatives"),
        ),
        ObservatoryChart(
            key="initiatives-map",
            title=_("Map of initiatives per country"),
            order=11,
            kind="map",
            group=GROUP,
            data=by_country,
            description=_("Darker countries have more registered initiatives."),
        ),
        ObservatoryChart(
            key="initiatives-by-region",
            title=_("Initiatives by region"),
            order=12,
            kind="bar",
            group=GROUP,
            data=by_region,
            description=_("The 20 regions with the most initiatives."),
        ),
        ObservatoryChart(
            key="initiatives-by-sector",
            title=_("Initiatives by sector (ISIC section)"),
            order=13,
            kind="bar",
            group=GROUP,
            data=by_sector,
            filter_choices="sector",
            description=_("An initiative working in several sectors counts in each."),
        ),
        ObservatoryChart(
            key="initiatives-by-stage",
            title=_("Initiatives by stage"),
            order=14,
            kind="bar",
            group=GROUP,
            data=_by_choice("stage", Stage.choices),
            filter_choices="stage",
        ),
        ObservatoryChart(
            key="initiatives-by-kind",
            title=_("Initiatives by kind"),
            order=15,
            kind="bar",
            group=GROUP,
            data=_by_choice("kind", InitiativeKind.choices),
        ),
        ObservatoryChart(
            key="initiatives-by-program",
            title=_("Initiatives by support program"),
            order=16,
            kind="bar",
            group=GROUP,
            data=by_program,
        ),
        ObservatoryChart(
            key="initiatives-registered-by-year",
            title=_("Registrations per year"),
            order=17,
            kind="line",
            group=GROUP,
            data=registered_by_year,
            description=_("Initiatives by the year they were first published in the registry."),
        ),
        ObservatoryChart(
            key="initiatives-founded-by-year",
            title=_("Initiatives founded per year"),
            order=18,
            kind="line",
            group=GROUP,
            data=founded_by_year,
        ),
        ObservatoryChart(
            key="member-firms-by-country",
            title=_("Member firms by country"),
            order=30,
            kind="bar",
            group=RESULTS,
            data=member_firms_by_country,
            figure=_("Member firms"),
            description=_("The member firms the initiatives declare, summed."),
        ),
        ObservatoryChart(
            key="indicators-by-year",
            title=_("Yearly indicators, all initiatives"),
            order=31,
            kind="line",
            group=RESULTS,
            data=indicators_by_year,
            series=(_("Members"), _("New export markets")),
            description=_("The yearly figures initiatives report, summed by year."),
        ),
        ObservatoryChart(
            key="employment-by-year",
            title=_("Employment in member firms, by year"),
            order=32,
            kind="line",
            group=RESULTS,
            data=_indicator_sum_by_year("employment"),
            unit=_("jobs"),
            description=_("The jobs in member firms that initiatives report, summed by year."),
        ),
        ObservatoryChart(
            key="exports-by-year",
            title=_("Exports of member firms, by year"),
            order=33,
            kind="line",
            group=RESULTS,
            data=_indicator_sum_by_year("exports_usd"),
            unit=_("USD"),
            description=_("The exports in US dollars that initiatives report, summed by year."),
        ),
    ]


# -- Staff panels -------------------------------------------------------------------------------


def stale_items(limit):
    rows = freshness.stale_initiatives().order_by(
        F("last_verified_on").asc(nulls_first=True), "title", "pk"
    )
    return [
        (page.title, reverse("wagtailadmin_pages:edit", args=[page.pk]), page.last_verified_on)
        for page in rows.only("pk", "title", "last_verified_on")[:limit]
    ]


def stewardship_figures():
    """The registry's numbers in the staff panels."""
    return [
        StewardshipFigure(
            key="stale-initiatives",
            label=_("Stale initiatives"),
            order=10,
            panel="stale",
            count=lambda: freshness.stale_initiatives().count(),
            items=stale_items,
        ),
        StewardshipFigure(
            key="new-initiatives",
            label=_("New initiatives"),
            order=10,
            panel="growth",
            count=lambda: (
                initiative_list().filter(first_published_at__date__gte=month_start()).count()
            ),
        ),
    ]
