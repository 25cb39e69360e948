import datetime

from django import template
from django.utils import formats

from ..timezones import in_zone

register = template.Library()


def _format_when(start, end):
    if start.date() == end.date():
        return "{}, {}–{}".format(
            formats.date_format(start, "DATE_FORMAT"),
            formats.time_format(start, "TIME_FORMAT"),
            formats.time_format(end, "TIME_FORMAT"),
        )
    return "{} – {}".format(
        formats.date_format(start, "DATETIME_FORMAT"), formats.date_format(end, "DATETIME_FORMAT")
    )


def utc_iso(value):
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.inclusion_tag("events/includes/when.html")
def event_when(event):
    """The event's date and time in its own zone (rendered by the server) plus an element that
    ``events/local-time.js`` fills with the same times in the visitor's zone."""
    start = in_zone(event.start, event.time_zone)
    end = in_zone(event.end, event.time_zone)
    return {
        "event": event,
        "text": _format_when(start, end),
        "zone": event.time_zone,
        "utc_offset": start.strftime("%z")[:3] + ":" + start.strftime("%z")[3:],
        "start_iso": utc_iso(event.start),
        "end_iso": utc_iso(event.end),
    }


@register.simple_tag
def event_local(value, zone, fmt="DATETIME_FORMAT"):
    return formats.date_format(in_zone(value, zone), fmt)
