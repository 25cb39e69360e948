"""Public views: calendars, the private feed, certificate verification (``events/urls.py``).

The sub-URLs of one page (``register/``, ``cancel/``, ``certificate/``) are the pages' own
``RoutablePageMixin`` routes, in ``events/models/routes.py``."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from accounts.permissions import verified_member_required
from portal import i18n
from portal.visibility import live_public

from . import selectors, services
from .calendars import build_calendar
from .models import (
    CalendarFeedToken,
    Certificate,
    EventIndexPage,
    EventPage,
    EventRegistration,
    ProgramPage,
)


def ics_response(content, filename, *, private=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def event_calendar(request, event):
    """The public ``.ics`` of one event (no join link)."""
    content = build_calendar([event], name=event.title, request=request)
    return ics_response(content, f"{event.slug}.ics")


def program_calendar(request, program):
    sessions = list(program.sessions())
    content = build_calendar(sessions, name=program.title, request=request)
    return ics_response(content, f"{program.slug}.ics")


@require_GET
def page_calendar(request, page_path):
    """``/events/<program>/calendar.ics``, ``/events/<program>/<session>/calendar.ics`` and
    ``/events/<event>/calendar.ics``: the public file of one program or event."""
    index = i18n.index_page(EventIndexPage)
    if index is None:
        raise Http404
    page = live_public(
        Page.objects.filter(url_path=f"{index.url_path}{page_path.strip('/')}/")
    ).first()
    page = page.specific if page else None
    if isinstance(page, EventPage):
        return event_calendar(request, page)
    if isinstance(page, ProgramPage):
        return program_calendar(request, page)
    raise Http404


@require_GET
def calendar_feed(request):
    """``/events/calendar.ics``: the public feed, with the listing's filters."""
    locale = i18n.active_locale()
    events, _filters = selectors.calendar_events(params=request.GET, locale=locale)
    content = build_calendar(events, name=_("Articula events"), request=request)
    return ics_response(content, "articula-events.ics")


@require_GET
def private_feed(request, token):
    """A member's own feed: the events they hold a seat for, with join links."""
    feed = get_object_or_404(CalendarFeedToken.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404
    events = (
        EventPage.objects.live()
        .filter(
            registrations__user=feed.user,
            registrations__status__in=EventRegistration.SEAT_STATUSES,
        )
        .order_by("start")
    )
    content = build_calendar(events, name=_("My Articula events"), request=request, private=True)
    return ics_response(content, "my-events.ics", private=True)


@require_POST
@verified_member_required
def feed_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(
        request,
        _("Your private calendar address has changed. Subscribe again with the new address."),
    )
    return redirect("community:dashboard")


@require_GET
def certificate_verify(request, code):
    certificate = (
        Certificate.objects.select_related("user", "program")
        .filter(code=code.strip().upper()[:20])
        .first()
    )
    return render(
        request,
        "events/certificate_verify.html",
        {"certificate": certificate, "code": code[:20], "now": timezone.now()},
        status=200 if certificate else 404,
    )
