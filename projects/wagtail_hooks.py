from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from django_countries import countries

from portal import i18n
from portal.demo import DemoLoader
from portal.member_data import MemberData
from portal.moderation import ModeratedType
from portal.observatory import ChartRow, ObservatoryChart
from portal.open_data import OpenDataField, OpenDataset
from portal.sections import PageSection, Section
from portal.tagging import TaggedType

from .models import PartnerInterest, ProjectIndexPage, ProjectPage, ProjectPartner, ProjectStatus


class ProjectPartnerViewSet(SnippetViewSet):
    model = ProjectPartner
    icon = "group"
    menu_label = _("Project partners")
    list_display = ["project", "initiative", "role", "confirmed_at"]
    search_fields = None


register_snippet(ProjectPartnerViewSet)


# -- Tags, moderation --------------------------------------------------------------------------


def _items_for_tag(tag, request):
    from .selectors import project_list

    return (
        project_list()
        .filter(tagged_items__tag=tag)
        .select_related("lead_initiative")
        .order_by("-first_published_at", "-pk")
    )


def _items_for_tags(tags, request):
    from .selectors import tagged

    return tagged(tags)


@hooks.register("register_tagged_type")
def projects_tagged_type():
    return TaggedType(
        key="projects",
        label=_("Joint projects"),
        order=45,
        items_for_tag=_items_for_tag,
        items_for_tags=_items_for_tags,
        card_template="projects/project_card.html",
        search_models=(ProjectPage,),
    )


@hooks.register("register_moderated_type")
def moderated_projects():
    return ModeratedType(model=ProjectPage, edit_url_name="projects:edit")


# -- Home, dashboard, initiative pages ---------------------------------------------------------


def _home_context(request):
    from .selectors import latest_projects

    projects = latest_projects(limit=3)
    if not projects:
        return None
    index = i18n.index_page(ProjectIndexPage)
    return {"projects": projects, "index_url": index.url if index else ""}


@hooks.register("register_home_section")
def home_section():
    return Section(
        key="projects",
        order=45,
        template="projects/home_section.html",
        get_context=_home_context,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


def _dashboard_context(request):
    from .selectors import dashboard, suggestions

    if not request.user.is_authenticated:
        return None
    return {
        **dashboard(user=request.user),
        "suggestions": suggestions(user=request.user),
        "create_url": reverse("projects:create"),
    }


@hooks.register("register_dashboard_section")
def dashboard_section():
    return Section(
        key="projects",
        order=45,
        template="projects/dashboard_section.html",
        get_context=_dashboard_context,
    )


def _initiative_section(page, request):
    from .selectors import initiative_projects

    projects = initiative_projects(page=page)
    return {"projects": projects} if projects else None


@hooks.register("register_page_section")
def initiative_projects_section():
    return PageSection(
        key="projects",
        order=40,
        page_types=("registry.InitiativePage",),
        template="projects/page_section.html",
        get_context=_initiative_section,
        # The same for every visitor: kept until the next write to public content.
        cache_seconds=300,
    )


# -- Member data, demo -------------------------------------------------------------------------


def _member_data(user):
    interests = PartnerInterest.objects.filter(user=user).select_related("project", "initiative")
    return {
        "projects_created": [
            {"id": page.pk, "title": page.title, "live": page.live}
            for page in ProjectPage.objects.filter(owner=user).order_by("pk")
        ],
        "interests": [
            {
                "project": interest.project.title,
                "initiative": interest.initiative.title if interest.initiative else "",
                "message": interest.message,
                "state": interest.state,
                "sent": interest.created_at.isoformat(),
            }
            for interest in interests
        ],
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="projects", export=_member_data)


@hooks.register("register_demo_data")
def projects_demo():
    from . import demo

    return DemoLoader(order=60, name="projects", load=demo.load)


# -- Observatory and open data -----------------------------------------------------------------


def _observed(filters):
    from .selectors import project_list

    projects = project_list()
    if filters.country:
        projects = projects.filter(countries__contains=filters.country)
    return projects


def _by_status(filters):
    counts = Counter(_observed(filters).values_list("status", flat=True))
    return [
        ChartRow(label=str(label), value=counts.get(value, 0), key=value)
        for value, label in ProjectStatus.choices
    ]


def _by_country(filters):
    counts = Counter()
    for codes in _observed(filters).values_list("countries", flat=True):
        for code in filter(None, str(codes or "").split(",")):
            counts[code] += 1
    return [
        ChartRow(label=str(countries.name(code)), value=count, key=code)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


@hooks.register("register_observatory_chart")
def projects_by_status():
    return ObservatoryChart(
        key="projects-by-status",
        title=_("Joint projects by status"),
        order=60,
        kind="bar",
        group=_("Joint projects"),
        data=_by_status,
    )


@hooks.register("register_observatory_chart")
def projects_by_country():
    return ObservatoryChart(
        key="projects-by-country",
        title=_("Joint projects by country"),
        order=61,
        kind="map",
        group=_("Joint projects"),
        data=_by_country,
    )


def _open_rows():
    from .selectors import open_data_rows

    for row in open_data_rows():
        yield {key: ";".join(v) if isinstance(v, list) else v for key, v in row.items()}


@hooks.register("register_open_dataset")
def projects_dataset():
    return OpenDataset(
        key="projects",
        title=_("Joint projects"),
        order=50,
        fields=(
            OpenDataField("id", "integer", _("Identifier")),
            OpenDataField("title", "string", _("Name of the project")),
            OpenDataField("url", "string", _("Address of its page")),
            OpenDataField("status", "string", _("idea, seeking, running or completed")),
            OpenDataField("summary", "string", _("Summary")),
            OpenDataField("lead_initiative", "string", _("Lead initiative")),
            OpenDataField("partners", "string", _("Confirmed partner initiatives (;)")),
            OpenDataField("countries", "string", _("ISO 3166 country codes (;)")),
            OpenDataField("regions", "string", _("Regions")),
            OpenDataField("start_date", "date", _("Start date")),
            OpenDataField("end_date", "date", _("End date")),
            OpenDataField("budget", "number", _("Budget")),
            OpenDataField("budget_currency", "string", _("ISO 4217 currency of the budget")),
            OpenDataField("funders", "string", _("Funders")),
            OpenDataField("tags", "string", _("Tags (;)")),
            OpenDataField("call_deadline", "date", _("Deadline of the call for partners")),
        ),
        rows=_open_rows,
    )
