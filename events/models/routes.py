"""The pages' own sub-URLs (``RoutablePageMixin`` routes): ``register/`` and ``cancel/`` on an
event, ``certificate/`` on a program. They are methods of the pages, as Wagtail routes are, so
that the models never import ``events.views`` (views import models, not the reverse)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Locale

from accounts.permissions import user_is_verified
from portal import i18n
from portal.throttles import THROTTLED_MESSAGE, throttle_consume


def _back(request, event):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(event.get_url(request=request) or "/")


class EventRegistrationRoutes:
    """``register/`` and ``cancel/`` (POST) on an event page."""

    @path("register/", name="register")
    def register_view(self, request):
        return self._registration_view(request, "register")

    @path("cancel/", name="cancel")
    def cancel_view(self, request):
        return self._registration_view(request, "cancel")

    def _registration_view(self, request, action):
        from .. import services
        from .registrations import EventRegistration

        event = self
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
                        _(
                            "You are registered. We have emailed you the details and a calendar file."
                        ),
                    )
            else:
                services.registration_cancel(event=event, user=request.user)
                messages.success(request, _("Your registration has been cancelled."))
        except services.RegistrationError as error:
            messages.error(request, error.message)
        return _back(request, event)


def _certificate_language(request):
    preferred = getattr(request.user, "preferred_language", "")
    if preferred and Locale.objects.filter(language_code=preferred).exists():
        return preferred
    return translation.get_language()


class ProgramCertificateRoute:
    """``certificate/`` on a program page: the member's certificate once eligible."""

    @path("certificate/", name="certificate")
    def certificate_view(self, request):
        from ..selectors import canonical_program, program_progress
        from .registrations import Certificate

        program = self
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
        certificate, _created = Certificate.objects.get_or_create(
            user=request.user, program=canonical
        )
        language = _certificate_language(request)
        with translation.override(language):
            locale = Locale.objects.filter(language_code=language).first() or program.locale
            shown_program = i18n.live_translation(canonical, locale).specific
            sessions = [
                i18n.live_translation(s, locale).specific for s in progress.attended_sessions
            ]
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
