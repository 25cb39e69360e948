"""The knowledge app's charts of the observatory and its figure for the staff panels
(registered in wagtail_hooks.py).

Practices are those a visitor sees: live, public, one per translation group
(``selectors.practice_list``), so a practice and its translations count once. Each ``data``
is one GROUP BY query. The stage filter does not apply (a practice has no stage)."""

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from portal.observatory import (
    ChartRow,
    ObservatoryChart,
    StewardshipFigure,
    month_start,
    rows_by_isic_section,
)

from .models import PracticePage
from .selectors import practice_list

GROUP = _("Good practices")
APPLIES = ("country", "sector")


def practices(filters):
    qs = practice_list()
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.sector:
        through = PracticePage.sectors.through.objects.filter(
            Q(sector__code=filters.sector) | Q(sector__parent__code=filters.sector)
        )
        qs = qs.filter(pk__in=through.values("practicepage_id"))
    return qs.order_by()


def by_topic(filters):
    """Practices per research topic (a topic and its translations are one topic)."""
    rows = (
        PracticePage.topics.through.objects.filter(
            practicepage_id__in=practices(filters).values("pk"),
            researchtopicpage__live=True,
        )
        .values("researchtopicpage__translation_key")
        .annotate(n=Count("practicepage_id", distinct=True), title=Max("researchtopicpage__title"))
        .order_by("-n", "title")
    )
    return [ChartRow(label=r["title"], value=r["n"]) for r in rows]


def by_sector(filters):
    return rows_by_isic_section(
        PracticePage.sectors.through.objects.filter(
            practicepage_id__in=practices(filters).values("pk")
        ),
        "practicepage_id",
    )


def by_year(filters):
    rows = (
        practices(filters)
        .filter(first_published_at__isnull=False)
        .annotate(year=ExtractYear("first_published_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return [ChartRow(label=str(r["year"]), value=r["n"]) for r in rows]


def charts():
    return [
        ObservatoryChart(
            key="practices-by-topic",
            title=_("Good practices by research topic"),
            order=50,
            kind="bar",
            group=GROUP,
            data=by_topic,
            applies=APPLIES,
        ),
        ObservatoryChart(
            key="practices-by-sector",
            title=_("Good practices by sector (ISIC section)"),
            order=51,
            kind="bar",
            group=GROUP,
            data=by_sector,
            applies=APPLIES,
            description=_("A practice in several sectors counts in each."),
        ),
        ObservatoryChart(
            key="practices-by-year",
            title=_("Good practices published per year"),
            order=52,
            kind="line",
            group=GROUP,
            data=by_year,
            applies=APPLIES,
            figure=_("Good practices"),
        ),
    ]


def stewardship_figures():
    return [
        StewardshipFigure(
            key="new-practices",
            label=_("New good practices"),
            order=30,
            panel="growth",
            count=lambda: (
                practice_list().filter(first_published_at__date__gte=month_start()).count()
            ),
        )
    ]
