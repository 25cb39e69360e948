"""Wagtail admin views for staff: one event's registrations (attendance sheet) and its CSV."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.csv_safety import SafeWriter

from . import services
from .models import EventPage, EventRegistration

CSV_COLUMNS = ["event", "event_start_utc", "username", "name", "email", "status", "registered_at"]


def _event_for(request, event_id, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(EventPage, pk=event_id)


def attendance(request, event_id):
    """List an event's registrations; POST marks the ticked members as attended (and unticked
    attendees back to registered)."""
    event = _event_for(request, event_id, "events.view_eventregistration")
    registrations = list(
        EventRegistration.objects.filter(event=event)
        .select_related("user")
        .order_by("status", "user__last_name", "user__username")
    )
    can_mark = request.user.has_perm("events.mark_attendance")
    if request.method == "POST":
        if not can_mark:
            raise PermissionDenied
        valid_ids = {r.user_id for r in registrations}
        try:
            ticked = {int(value) for value in request.POST.getlist("attended")} & valid_ids
        except ValueError:
            messages.error(request, _("The attendance list was not valid; nothing was changed."))
            return redirect("events_attendance", event.pk)
        was_attended = {r.user_id for r in registrations if r.status == "attended"}
        marked = services.attendance_mark(event=event, user_ids=ticked - was_attended)
        unmarked = services.attendance_mark(
            event=event, user_ids=was_attended - ticked, attended=False
        )
        messages.success(
            request,
            _("Attendance saved: %(marked)d marked, %(unmarked)d unmarked.")
            % {"marked": marked, "unmarked": unmarked},
        )
        return redirect("events_attendance", event.pk)
    counts = dict.fromkeys(EventRegistration.Status.values, 0)
    for registration in registrations:
        counts[registration.status] += 1
    return TemplateResponse(
        request,
        "events/admin/attendance.html",
        {
            "event": event,
            "registrations": registrations,
            "counts": [(label, counts[value]) for value, label in EventRegistration.Status.choices],
            "can_mark": can_mark,
            "page_title": _("Registrations: %(title)s") % {"title": event.title},
        },
    )


def registrations_csv(request, event_id):
    event = _event_for(request, event_id, "events.view_eventregistration")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{event.slug}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = SafeWriter(response)  # neutralises cells that would run as formulas
    writer.writerow(CSV_COLUMNS)
    registrations = (
        EventRegistration.objects.filter(event=event)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for registration in registrations:
        user = registration.user
        writer.writerow(
            [
                event.title,
                event.start.isoformat(),
                user.username,
                user.get_full_name(),
                user.email,
                registration.status,
                registration.created_at.isoformat(),
            ]
        )
    return response
