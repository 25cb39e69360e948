"""The events app's chart of the observatory (registered in wagtail_hooks.py): events and
attendance by training program.

Events are counted as originals only: the first page of each translation group (lowest id),
where registrations and attendance are kept (``EventPage.canonical_id``), so an event and its
translations count once and its attendance is complete. A session belongs to the program it
sits under; stand-alone events form one row. One GROUP BY query; none of the filters apply
(events have no country, sector or stage)."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from portal.observatory import ChartRow, ObservatoryChart
from portal.visibility import live_public

from .models import EventPage, EventRegistration, ProgramPage

GROUP = _("Events")


def originals():
    """Live, public events that are the first page of their translation group."""
    earlier = Page.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return live_public(EventPage.objects.all()).filter(~Exists(earlier)).order_by()


def by_program(filters):
    program_title = ProgramPage.objects.filter(path=OuterRef("parent_path")).values("title")[:1]
    rows = (
        originals()
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .values("parent_path")
        .annotate(
            program=Subquery(program_title),
            events=Count("pk", distinct=True),
            attended=Count(
                "registrations",
                filter=Q(registrations__status=EventRegistration.Status.ATTENDED),
            ),
        )
    )
    totals = {}
    for row in rows:
        label = row["program"] or str(_("Events outside a program"))
        events, attended = totals.get(label, (0, 0))
        totals[label] = (events + row["events"], attended + row["attended"])
    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    return [
        ChartRow(label=label, value=events, values=(events, attended))
        for label, (events, attended) in ordered
    ]


def charts():
    return [
        ObservatoryChart(
            key="events-by-program",
            title=_("Events and attendance by program"),
            order=60,
            kind="bar",
            group=GROUP,
            data=by_program,
            series=(_("Events"), _("Attendances")),
            applies=(),
            figure=_("Events"),
            description=_("Attendances: registrations marked as attended."),
        )
    ]
