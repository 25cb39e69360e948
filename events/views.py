"""Public views: registration, calendars, the private feed, certificates.

Views on one page (``register/``, ``cancel/``, ``calendar.ics``, ``certificate/``) are routed by
the pages (``RoutablePageMixin``); the index-level ones are in ``events/urls.py``."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale, Page, Site

from accounts.permissions import user_is_verified, verified_member_required
from portal.throttles import THROTTLED_MESSAGE, throttle_consume

from . import selectors, services
from .calendars import build_calendar
from .models import CalendarFeedToken, Certificate, EventPage, EventRegistration, ProgramPage
from .selectors import canonical_program, localized, program_progress


def ics_response(content, filename, *, private=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _back(request, event):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(event.get_url(request=request) or "/")


def _registration_view(request, event, action):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_url(request=request))
    if not user_is_verified(request.user):
        messages.warning(request, _("Please confirm your email address before you continue."))
        return redirect("account_email")
    if action == "register" and not throttle_consume(request, action="event_register"):
        messages.error(request, THROTTLED_MESSAGE)
        return _back(request, event)
    try:
        if action == "register":
            registration = services.registration_create(event=event, user=request.user)
            if registration.status == EventRegistration.Status.WAITLISTED:
                messages.info(
                    request,
                    _(
                        "The event is full: you are on the waitlist. We will email you if a seat frees up."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("You are registered. We have emailed you the details and a calendar file."),
                )
        else:
            services.registration_cancel(event=event, user=request.user)
            messages.success(request, _("Your registration has been cancelled."))
    except services.RegistrationError as error:
        messages.error(request, error.message)
    return _back(request, event)


def event_register(request, event):
    return _registration_view(request, event, "register")


def event_cancel(request, event):
    return _registration_view(request, event, "cancel")


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
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page.localized
    page = (
        Page.objects.live()
        .public()
        .filter(url_path=f"{root.url_path}events/{page_path.strip('/')}/")
        .first()
    )
    page = page.specific if page else None
    if isinstance(page, EventPage):
        return event_calendar(request, page)
    if isinstance(page, ProgramPage):
        return program_calendar(request, page)
    raise Http404


@require_GET
def calendar_feed(request):
    """``/events/calendar.ics``: the public feed, with the listing's filters."""
    locale = selectors.active_locale()
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


def _certificate_language(request):
    preferred = getattr(request.user, "preferred_language", "")
    if preferred and Locale.objects.filter(language_code=preferred).exists():
        return preferred
    return translation.get_language()


def program_certificate(request, program):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    canonical = canonical_program(program)
    progress = program_progress(user=request.user, program=canonical)
    if not progress.eligible:
        return render(
            request,
            "events/certificate_unavailable.html",
            {"page": program, "program": program, "progress": progress},
            status=403,
        )
    certificate, _created = Certificate.objects.get_or_create(user=request.user, program=canonical)
    language = _certificate_language(request)
    with translation.override(language):
        locale = Locale.objects.filter(language_code=language).first() or program.locale
        shown_program = localized(canonical, locale).specific
        sessions = [localized(s, locale).specific for s in progress.attended_sessions]
        return render(
            request,
            "events/certificate.html",
            {
                "program": shown_program,
                "sessions": sessions,
                "progress": progress,
                "certificate": certificate,
                "name": request.user.get_full_name() or request.user.username,
                "first_date": min((s.start for s in progress.attended_sessions), default=None),
                "last_date": max((s.start for s in progress.attended_sessions), default=None),
                "verify_url": request.build_absolute_uri(
                    reverse("events:verify", args=[certificate.code])
                ),
                "LANGUAGE_CODE": language,
            },
        )


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
