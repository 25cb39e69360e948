"""The community's charts of the observatory and its figure for the staff panels (registered
in wagtail_hooks.py).

Members are counted from the profiles an anonymous visitor may see (active accounts, public
profiles: ``MemberProfile.objects.visible_to(None)``), as the page is the same for everyone
and cached: a members-only profile is not counted, not even as a number. Each ``data`` is one
GROUP BY query; the stage filter does not apply to people."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from portal.observatory import ChartRow, ObservatoryChart, StewardshipFigure, month_start
from portal.vocabularies import OrganizationType

from .models import MemberProfile

GROUP = _("Community")


def members(filters):
    qs = MemberProfile.objects.visible_to(None)
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.sector:
        through = MemberProfile.sectors.through.objects.filter(
            Q(sector__code=filters.sector) | Q(sector__parent__code=filters.sector)
        )
        qs = qs.filter(pk__in=through.values("memberprofile_id"))
    return qs.order_by()


def by_country(filters):
    rows = members(filters).exclude(country="").values("country").annotate(n=Count("pk"))
    result = [
        ChartRow(label=countries.name(r["country"]), value=r["n"], key=r["country"]) for r in rows
    ]
    return sorted(result, key=lambda row: (-row.value, row.label))


def by_organization_type(filters):
    counts = dict(members(filters).values_list("organization_type").annotate(n=Count("pk")))
    rows = [
        ChartRow(label=str(label), value=counts[value], key=value)
        for value, label in OrganizationType.choices
        if counts.get(value)
    ]
    known = {value for value, _label in OrganizationType.choices}
    other = sum(n for value, n in counts.items() if value not in known)
    if other:
        rows.append(ChartRow(label=str(_("Not given")), value=other, key=""))
    return rows


def charts():
    return [
        ObservatoryChart(
            key="members-by-country",
            title=_("Members by country"),
            order=40,
            kind="bar",
            group=GROUP,
            data=by_country,
            applies=("country", "sector"),
            description=_("Members with a public profile."),
        ),
        ObservatoryChart(
            key="members-by-organization-type",
            title=_("Members by type of organisation"),
            order=41,
            kind="bar",
            group=GROUP,
            data=by_organization_type,
            applies=("country", "sector"),
            figure=_("Members"),
            description=_("Members with a public profile."),
        ),
    ]


def stewardship_figures():
    return [
        StewardshipFigure(
            key="new-members",
            label=_("New members"),
            order=20,
            panel="growth",
            count=lambda: (
                MemberProfile.objects.active().filter(created_at__date__gte=month_start()).count()
            ),
        )
    ]
