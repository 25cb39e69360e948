from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

import django_filters

from portal.demo import DemoLoader
from portal.experts import expert_tags
from portal.managed_pages import managed_page_ids
from portal.member_data import MemberData
from portal.navigation import MenuItem as SiteMenuItem
from portal.observatory import ChartRow, ObservatoryChart
from portal.open_data import OpenDataset
from portal.sections import PageSection, Section
from portal.tagging import TaggedType

from . import admin_views, selectors
from .models import State, SupportRequest, SupportRequestTag, Urgency
from .permissions import is_support_staff

# Public site: menu, home, dashboard, tag pages, search, topic pages, open data -------------


@hooks.register("register_menu_item")
def support_menu_item():
    # Before the discussions (order 90): asking for help is the community's other door.
    return SiteMenuItem(
        key="support",
        label=_("Technical support"),
        order=89,
        get_url=lambda: reverse("support:index"),
    )


def _home_answers(request):
    items = selectors.latest_answers(limit=3)
    return {"answers": items} if items else None


@hooks.register("register_home_section")
def answers_home_section():
    return Section(
        key="support-answers",
        order=50,
        template="support/home_section.html",
        get_context=_home_answers,
        cache_seconds=300,  # the same for every visitor (portal/sections.py)
    )


@hooks.register("register_open_dataset")
def answers_open_dataset() -> OpenDataset:
    from .open_data import answers_dataset

    return answers_dataset()


def _my_requests_context(request):
    """The member's requests and those assigned to them; shown to every manager, who may
    ask, even before their first request."""
    if not request.user.is_authenticated:
        return None
    mine = selectors.request_list_of(user=request.user, limit=5)
    assigned = selectors.assigned_to(user=request.user, limit=5)
    if not mine and not assigned and not managed_page_ids(request.user):
        return None
    return {"my_requests": mine, "assigned": assigned}


@hooks.register("register_dashboard_section")
def my_requests_section():
    return Section(
        key="support",
        order=55,
        template="support/dashboard/my_requests.html",
        get_context=_my_requests_context,
    )


def _help_context(request):
    if not request.user.is_authenticated:
        return None
    tags = expert_tags(request.user)
    items = selectors.requests_to_help_with(user=request.user, tags=tags, limit=5)
    if not items:
        return None
    mine = {t.pk for t in tags}
    for item in items:
        item.matching_tags = [ti.tag for ti in item.tagged_items.all() if ti.tag_id in mine]
    return {"items": items}


@hooks.register("register_dashboard_section")
def help_section():
    return Section(
        key="support-help",
        order=56,
        template="support/dashboard/help.html",
        get_context=_help_context,
    )


@hooks.register("register_tagged_type")
def answers_tagged_type():
    def items_for_tags(tags, request):
        return (
            SupportRequest.objects.published()
            .filter(pk__in=SupportRequestTag.objects.filter(tag__in=tags).values("content_object"))
            .order_by("-published_at", "-pk")
        )

    def search(query, request):
        from django.db.models import Q

        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(answer__icontains=word)
            )
        return SupportRequest.objects.published().filter(condition).order_by("-published_at")

    return TaggedType(
        key="support-answers",
        label=_("Questions and answers"),
        order=45,
        items_for_tag=lambda tag, request: items_for_tags([tag], request),
        items_for_tags=items_for_tags,
        card_template="support/includes/answer_card.html",
        search=search,
    )


@hooks.register("register_page_section")
def topic_answers_section():
    def get_context(page, request):
        items = selectors.topic_answers(topic=page, limit=5)
        return {"answers": items} if items else None

    return PageSection(
        key="support-answers",
        order=60,
        page_types=("knowledge.ResearchTopicPage",),
        template="support/page_section.html",
        get_context=get_context,
        # The same for every visitor: kept until the next write to public content.
        cache_seconds=300,
    )


def _member_data(user):
    requests = SupportRequest.objects.filter(requester=user).select_related("initiative", "topic")
    return {
        "requests": [
            {
                "title": item.title,
                "need": item.need,
                "description": item.description,
                "initiative": item.initiative.title if item.initiative else "",
                "topic": item.topic.title if item.topic else "",
                "urgency": item.urgency,
                "state": item.state,
                "consent_to_publish": item.consent_to_publish,
                "answer": item.answer,
                "published": item.published,
                "created": item.created_at.isoformat(),
            }
            for item in requests
        ],
        "volunteered": [
            {
                "request": volunteer.request.title,
                "message": volunteer.message,
                "created": volunteer.created_at.isoformat(),
            }
            for volunteer in user.support_volunteering.select_related("request")
        ],
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="support", export=_member_data)


@hooks.register("register_observatory_chart")
def requests_by_topic_chart():
    def data(filters):
        table = selectors.counts_by_topic_and_state()
        rows = []
        for topic in sorted(table, key=lambda t: (t == "", t.lower())):
            counts = table[topic]
            values = tuple(counts.get(state, 0) for state in State.values)
            rows.append(
                ChartRow(label=topic or str(_("No topic")), value=sum(values), values=values)
            )
        return rows

    return ObservatoryChart(
        key="support-requests-by-topic",
        title=_("Support requests by topic and state"),
        order=70,
        kind="bar",
        group=_("Technical support"),
        data=data,
        series=tuple(str(label) for label in State.labels),
        description=_("Requests for technical support sent by members, by research topic."),
    )


@hooks.register("register_demo_data")
def support_demo():
    from . import demo

    return DemoLoader(order=80, name="support requests", load=demo.load)


# Wagtail admin: the queue, triage and figures -------------------------------------------------


class SupportRequestFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=State.choices)
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Urgency.choices)
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"),
        queryset=lambda request: (
            SupportRequest._meta.get_field("assignee")
            .related_model.objects.filter(assigned_support_requests__isnull=False)
            .distinct()
            .order_by("username")
        ),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Research topic"),
        queryset=lambda request: (
            Page.objects.filter(topic_support_requests__isnull=False).distinct().order_by("title")
        ),
    )
    due_date = django_filters.DateFromToRangeFilter(label=_("Due date"))

    class Meta:
        model = SupportRequest
        fields = ["state", "urgency", "assignee", "topic", "due_date"]


class SupportRequestIndexView(IndexView):
    def get_edit_url(self, instance):
        # The title opens the triage view (assign, state, notes, publication).
        return reverse("support_triage", args=[instance.pk])


class SupportRequestViewSet(ModelViewSet):
    model = SupportRequest
    icon = "help"
    menu_label = _("Support requests")
    add_to_admin_menu = False
    list_display = [
        "title",
        "requester",
        "state",
        "urgency",
        "assignee",
        "topic",
        "due_date",
        "created_at",
    ]
    list_per_page = 50
    filterset_class = SupportRequestFilterSet
    index_view_class = SupportRequestIndexView
    search_fields = ["title", "description"]
    search_backend_name = None
    form_fields = ["title", "description", "need", "urgency", "due_date", "consent_to_publish"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return SupportRequest.objects.select_related("requester", "assignee", "topic")


support_viewset = SupportRequestViewSet("support_requests")


@hooks.register("register_admin_viewset")
def register_support_viewset():
    return support_viewset


@hooks.register("register_admin_urls")
def support_admin_urls():
    return [
        path("support/triage/<id:pk>/", admin_views.triage, name="support_triage"),
        path("support/figures/", admin_views.figures, name="support_figures"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_support_staff(request.user)


@hooks.register("register_admin_menu_item")
def support_menu():
    menu = Menu(
        items=[
            StaffMenuItem(
                _("Queue"),
                reverse("support_requests:index"),
                icon_name="list-ul",
                order=10,
            ),
            StaffMenuItem(_("Figures"), reverse("support_figures"), icon_name="table", order=20),
        ]
    )
    return SubmenuMenuItem(_("Technical support"), menu, icon_name="help", order=320)
