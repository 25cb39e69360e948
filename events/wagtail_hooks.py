from django.contrib import messages
from django.db.models import Count, Q
from django.db.models.query import ModelIterable
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

import django_filters

from portal.csv_safety import SafeSpreadsheetExportMixin
from portal.demo import DemoLoader
from portal.i18n import active_locale, index_page, localized
from portal.member_data import MemberData
from portal.sections import Section
from portal.tagging import TaggedType
from portal.visibility import live_public

from . import admin_views, observatory_charts
from .models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    EventTag,
    ProgramPage,
    ProgramTag,
    canonical_ids,
)

# --- cross-app composition ------------------------------------------------------------------


class _SessionOrProgram(ModelIterable):
    """Yields the ``EventPage`` or ``ProgramPage`` that a ``Page`` row joined (``select_related``
    on both child tables) with the row's annotations: ``specific`` without a query per type."""

    def __iter__(self):
        annotations = list(self.queryset.query.annotations)
        for page in super().__iter__():
            child = getattr(page, "eventpage", None) or getattr(page, "programpage", None)
            if child is None:
                yield page
                continue
            for name in annotations:
                setattr(child, name, getattr(page, name))
            yield child


def _items_for_any_tag(tags, request):
    """Sessions and programs carrying any of ``tags``, newest first: ONE query (the page row
    joined to both child tables), whatever the number of tags."""
    event_ids = EventTag.objects.filter(tag__in=tags).values("content_object_id")
    program_ids = ProgramTag.objects.filter(tag__in=tags).values("content_object_id")
    items = (
        localized(live_public(Page.objects.all()))
        .filter(Q(pk__in=event_ids) | Q(pk__in=program_ids))
        .select_related("eventpage", "programpage")
        .order_by("-first_published_at", "-pk")
    )
    items._iterable_class = _SessionOrProgram
    return items


def _items_for_tag(tag, request):
    return _items_for_any_tag([tag], request)


@hooks.register("register_tagged_type")
def events_tagged_type():
    return TaggedType(
        key="events",
        label=_("Events"),
        order=40,
        items_for_tag=_items_for_tag,
        items_for_tags=_items_for_any_tag,
        card_template="events/includes/tag_card.html",
        search_models=(ProgramPage, EventPage),
    )


def _home_context(request):
    from .selectors import latest_materials, upcoming_events

    locale = active_locale()
    upcoming = upcoming_events(locale=locale, limit=3)
    materials = latest_materials(locale=locale, limit=3)
    if not upcoming and not materials:
        return None
    index = index_page(EventIndexPage, locale)
    return {"upcoming": upcoming, "materials": materials, "index_url": index.url if index else ""}


@hooks.register("register_home_section")
def events_home_section():
    return Section(
        key="events",
        order=30,
        template="events/home_section.html",
        get_context=_home_context,
        # The same for every visitor; "upcoming" moves with the clock: a minute at most.
        cache_seconds=60,
    )


def _dashboard_context(request):
    from .selectors import dashboard_programs, feed_token_for, registration_list

    user = request.user
    if not user.is_authenticated:
        return None
    registrations = list(registration_list(user=user))
    feed = feed_token_for(user)
    return {
        "registrations": registrations,
        "programs": dashboard_programs(user=user),
        "feed_url": request.build_absolute_uri(reverse("events:feed", args=[feed.token])),
    }


@hooks.register("register_dashboard_section")
def events_dashboard_section():
    return Section(
        key="events",
        order=40,
        template="events/dashboard_section.html",
        get_context=_dashboard_context,
    )


@hooks.register("register_demo_data")
def events_demo():
    from . import demo

    return DemoLoader(order=50, name="events", load=demo.load)


# --- admin ------------------------------------------------------------------------------------


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=EventPage.objects.order_by("-start")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventRegistration.Status.choices
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


class EventRegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["user", "event", "status", "created_at"]
    list_export = ["event", "event.start", "user", "user.email", "status", "created_at"]
    export_headings = {"event.start": _("Starts (UTC)"), "user.email": _("Email")}
    export_filename = "event-registrations"
    index_view_class = EventRegistrationIndexView
    filterset_class = RegistrationFilterSet
    form_fields = ["event", "user", "status"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return EventRegistration.objects.select_related("user", "event")


registration_viewset = EventRegistrationViewSet("event_registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def events_admin_urls():
    return [
        path(
            "events/attendance/<id:event_id>/",
            admin_views.attendance,
            name="events_attendance",
        ),
        path(
            "events/attendance/<id:event_id>/registrations.csv",
            admin_views.registrations_csv,
            name="events_registrations_csv",
        ),
    ]


class AttendanceMenuItem(PageMenuItem):
    label = _("Registrations and attendance")
    icon_name = "group"
    url_name = "events_attendance"
    priority = 55

    def is_shown(self, user):
        return user.has_perm("events.view_eventregistration")


def _attendance_buttons(page, user, **kwargs):
    if page.specific_class is EventPage:
        yield AttendanceMenuItem(page=page)


@hooks.register("register_page_header_buttons")
def event_page_header_buttons(page, user, view_name, next_url=None):
    yield from _attendance_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_page_listing_buttons(page, user, next_url=None):
    yield from _attendance_buttons(page, user)


def _member_data(user):
    """The member's event registrations, for their data download."""
    from .models import EventRegistration

    registrations = EventRegistration.objects.filter(user=user).select_related("event")
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "starts": registration.event.start.isoformat(),
                "status": registration.status,
                "registered": registration.created_at.isoformat(),
            }
            for registration in registrations
        ]
    }


@hooks.register("register_member_data")
def member_data():
    return MemberData(key="events", export=_member_data)


# --- certificate eligibility ------------------------------------------------------------------
# Publishing, unpublishing or deleting a session changes how many sessions a certificate needs
# (a share of the program's published sessions). Staff are told so, with the number of members
# who gain or lose a certificate: the state before is taken in the before_* hooks, the state
# after in the after_* hooks, on the request.


def _program_of(page):
    """The program whose certificates ``page`` counts in: a session of a program, on the
    original page of its translation group (registrations live there)."""
    page = page.specific_deferred
    if not isinstance(page, EventPage):
        return None
    if canonical_ids([page])[page.pk] != page.pk:
        return None
    parent = page.get_parent().specific_deferred
    return parent if isinstance(parent, ProgramPage) else None


def _eligibility(program, session_ids):
    from .selectors import required_sessions

    required = required_sessions(program, len(session_ids))
    attended = (
        EventRegistration.objects.filter(
            event_id__in=session_ids, status=EventRegistration.Status.ATTENDED
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    eligible = {row["user_id"] for row in attended if required and row["n"] >= required}
    return len(session_ids), required, eligible


def _live_session_ids(program):
    return set(program.sessions().values_list("pk", flat=True))


def _remember_eligibility(request, page, *args, **kwargs):
    program = _program_of(page)
    if program is None:
        return
    ids = _live_session_ids(program)
    match = request.resolver_match
    if match is not None and match.view_name == "wagtailadmin_pages:add":
        # A new session: the create view saves it live just before publishing it.
        ids.discard(page.pk)
    request._certificate_eligibility = (program, _eligibility(program, ids))


def _warn_eligibility(request, page, *args, **kwargs):
    remembered = getattr(request, "_certificate_eligibility", None)
    if remembered is None:
        return
    program, (old_total, old_required, old_eligible) = remembered
    total, required, eligible = _eligibility(program, _live_session_ids(program))
    if (total, required) == (old_total, old_required):
        return
    affected = len(old_eligible ^ eligible)
    messages.warning(
        request,
        gettext(
            "Certificates: “%(program)s” now has %(total)s published sessions and a "
            "certificate needs %(required)s of them (before: %(old_required)s of "
            "%(old_total)s)."
        )
        % {
            "program": program.title,
            "total": total,
            "required": required,
            "old_required": old_required,
            "old_total": old_total,
        }
        + " "
        + ngettext(
            "%(count)s member gains or loses a certificate.",
            "%(count)s members gain or lose a certificate.",
            affected,
        )
        % {"count": affected},
    )


for _hook in ("before_publish_page", "before_unpublish_page", "before_delete_page"):
    hooks.register(_hook, _remember_eligibility)
for _hook in ("after_publish_page", "after_unpublish_page", "after_delete_page"):
    hooks.register(_hook, _warn_eligibility)


@hooks.register("register_open_dataset")
def events_open_dataset():
    from .open_data import events_dataset

    return events_dataset()


# Observatory: this app's charts and staff figures (observatory_charts.py) ---------------------
for _chart in observatory_charts.charts():
    hooks.register("register_observatory_chart", lambda chart=_chart: chart)
