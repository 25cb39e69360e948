"""Writes: registering, cancelling, the waitlist, attendance, reminders, feed tokens.

Capacity holds under concurrent requests: each write runs in one transaction that first locks
the event's row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the settings open every
transaction with ``BEGIN IMMEDIATE``, which takes the database's write lock), then counts the
seats inside the lock. Emails go out after the transaction has committed."""

import datetime
import logging

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from portal import page_cache
from portal.emails import (
    display_name,
    language_of,
    localized_page,
    page_url,
    send_templated_email,
)

from .calendars import build_calendar
from .models import CalendarFeedToken, EventPage, EventRegistration
from .models.registrations import new_feed_token
from .timezones import in_zone

logger = logging.getLogger(__name__)
Status = EventRegistration.Status


class RegistrationError(Exception):
    """A registration request that cannot be honoured; ``message`` is translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lock_event(event):
    return (
        EventPage.objects.select_for_update(of=("self",))
        .only(
            "pk", "capacity", "start", "end", "registration_deadline", "registration_open", "live"
        )
        .get(pk=event.canonical_id)
    )


def _check_open(locked, now):
    if not locked.live:
        raise RegistrationError(_("This event is not open for registration."))
    if locked.start <= now:
        raise RegistrationError(_("This event has already started; registration is closed."))
    if not locked.registration_open:
        raise RegistrationError(_("Registration for this event is closed."))
    if locked.registration_deadline and now > locked.registration_deadline:
        raise RegistrationError(_("The registration deadline for this event has passed."))


def registration_create(*, event, user, now=None):
    """Register ``user`` for ``event``, or put them on the waitlist when it is full."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event)
        _check_open(locked, now)
        registration = (
            EventRegistration.objects.select_for_update()
            .filter(event_id=locked.pk, user=user)
            .first()
        )
        if registration and registration.holds_seat:
            raise RegistrationError(_("You are already registered for this event."))
        if registration and registration.status == Status.WAITLISTED:
            raise RegistrationError(_("You are already on the waitlist for this event."))
        taken = EventRegistration.objects.filter(event_id=locked.pk).active().count()
        full = locked.capacity is not None and taken >= locked.capacity
        status = Status.WAITLISTED if full else Status.REGISTERED
        if registration is None:
            registration = EventRegistration.objects.create(
                event_id=locked.pk, user=user, status=status, status_changed_at=now
            )
        else:
            registration.status = status
            registration.status_changed_at = now
            registration.reminder_sent_at = None
            registration.save(
                update_fields=["status", "status_changed_at", "reminder_sent_at", "updated_at"]
            )
    _notify(registration, "confirmed" if status == Status.REGISTERED else "waitlisted")
    return registration


def registration_cancel(*, event, user, now=None):
    """Cancel ``user``'s registration or waitlist place; a freed seat goes to the first
    member on the waitlist, who is emailed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event)
        registration = (
            EventRegistration.objects.select_for_update()
            .filter(event_id=locked.pk, user=user)
            .first()
        )
        if registration is None or registration.status == Status.CANCELLED:
            raise RegistrationError(_("You are not registered for this event."))
        if registration.status == Status.ATTENDED or locked.start <= now:
            raise RegistrationError(_("This event has already started; it cannot be cancelled."))
        registration.status = Status.CANCELLED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at", "updated_at"])
        promoted = _promote(locked, now)
    for promoted_registration in promoted:
        _notify(promoted_registration, "promoted")
    return registration


def _promote(locked, now):
    """Inside the event's lock: move waitlisted members to free seats, first come first."""
    promoted = []
    if locked.start <= now:
        return promoted
    taken = EventRegistration.objects.filter(event_id=locked.pk).active().count()
    free = None if locked.capacity is None else locked.capacity - taken
    waiting = EventRegistration.objects.filter(event_id=locked.pk).waitlisted().select_for_update()
    if free is not None:
        waiting = waiting[: max(free, 0)]
    for registration in waiting:
        registration.status = Status.REGISTERED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at", "updated_at"])
        promoted.append(registration)
    return promoted


def waitlist_promote(*, event, now=None):
    """Fill seats freed by a larger capacity (called when an event is published)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event)
        promoted = _promote(locked, now)
    for registration in promoted:
        _notify(registration, "promoted")
    return promoted


def attendance_mark(*, event, user_ids, attended=True):
    """Mark (or unmark) attendance for the given members' registrations to ``event``.
    Returns the number of registrations changed; cancelled registrations are left alone."""
    now = timezone.now()
    with transaction.atomic():
        qs = EventRegistration.objects.filter(event=event, user_id__in=list(user_ids))
        if attended:
            qs = qs.filter(status__in=[Status.REGISTERED, Status.WAITLISTED])
            changed = qs.update(status=Status.ATTENDED, status_changed_at=now, updated_at=now)
        else:
            qs = qs.filter(status=Status.ATTENDED)
            changed = qs.update(status=Status.REGISTERED, status_changed_at=now, updated_at=now)
        if changed:
            # An update() sends no signal: a waitlisted member marked present takes a seat,
            # and the event page keeps its seats until the next generation.
            page_cache.invalidate()
    return changed


def feed_token_reset(*, user):
    """Give ``user`` a new private feed token; the old feed URL stops working at once."""
    feed, created = CalendarFeedToken.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def reminders_send(*, now=None, hours=24):
    """Email every registered member whose event starts within ``hours``. Idempotent: a
    registration is claimed by setting ``reminder_sent_at`` before its email goes out."""
    now = now or timezone.now()
    due = (
        EventRegistration.objects.filter(
            status=Status.REGISTERED,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__start__gt=now,
            event__start__lte=now + datetime.timedelta(hours=hours),
        )
        .select_related("event", "user")
        .order_by("event__start", "pk")
    )
    sent = 0
    for registration in due:
        claimed = EventRegistration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed:
            _notify(registration, "reminder")
            sent += 1
    return sent


# --- emails ----------------------------------------------------------------------------------


def email_context(event, registration, language):
    with translation.override(language):
        start = in_zone(event.start, event.time_zone)
        end = in_zone(event.end, event.time_zone)
        when = "{} – {} ({})".format(
            formats.date_format(start, "DATETIME_FORMAT"),
            formats.time_format(end, "TIME_FORMAT")
            if start.date() == end.date()
            else formats.date_format(end, "DATETIME_FORMAT"),
            event.time_zone,
        )
    return {
        "name": display_name(registration.user),
        "title": event.title,
        "url": page_url(event, language=language),
        "when": when,
        "start_utc": event.start.isoformat(),
        "place": event.place,
        "mode": event.mode,
        "join_url": event.join_url if registration.holds_seat else "",
        "status": registration.status,
    }


def _notify(registration, kind):
    """``kind``: confirmed, waitlisted, promoted or reminder."""
    user = registration.user
    if not user.email:
        return
    language = language_of(user)
    event = localized_page(EventPage.objects.get(pk=registration.event_id), language)
    attachments = None
    if kind in ("confirmed", "promoted"):
        ics = build_calendar([event], name=event.title, private=True).decode()
        attachments = [[f"{event.slug}.ics", ics, "text/calendar"]]
    try:
        send_templated_email.enqueue(
            to=[user.email],
            template=f"events/emails/{kind}",
            context=email_context(event, registration, language),
            language=language,
            attachments=attachments,
        )
    except Exception:  # noqa: BLE001 - the registration stands even if the mail server is down
        logger.exception("Could not send the %s email for registration %s", kind, registration.pk)
