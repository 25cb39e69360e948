"""Who registered for what, the private calendar feed tokens and issued certificates.

Registrations belong to the member's account (``on_delete=CASCADE``): when a member deletes
their account their registrations, feed token and certificates go with it; the counts of past
events shrink accordingly, which is what a member who leaves expects."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that hold a seat."""
        return self.filter(status__in=EventRegistration.SEAT_STATUSES)

    def waitlisted(self):
        return self.filter(status=EventRegistration.Status.WAITLISTED).order_by(
            "status_changed_at", "pk"
        )

    def for_user(self, user):
        return self.filter(user=user)

    def upcoming(self, now=None):
        return self.filter(event__end__gt=now or timezone.now())


class EventRegistration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    SEAT_STATUSES = (Status.REGISTERED, Status.ATTENDED)

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration")
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="events_reg_event_status"),
            models.Index(fields=["user", "status"], name="events_reg_user_status"),
        ]
        permissions = [("mark_attendance", _("Can mark attendance"))]

    def __str__(self):
        return f"{self.user} · {self.event} · {self.get_status_display()}"

    @property
    def holds_seat(self):
        return self.status in self.SEAT_STATUSES


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeedToken(models.Model):
    """The secret in a member's private calendar URL ``/events/feed/<token>.ics``. Resetting
    it replaces the token, so the old URL stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)


def new_certificate_code():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class Certificate(models.Model):
    """Issued the first time a member who qualifies opens their certificate; its code lets
    anyone check it at ``/events/verify/<code>/``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_certificates"
    )
    program = models.ForeignKey(
        "events.ProgramPage", on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="events_one_certificate")
        ]

    def __str__(self):
        return self.code


__all__ = ["CalendarFeedToken", "Certificate", "EventRegistration"]
