"""iCalendar (RFC 5545) files with the ``icalendar`` package.

Every VEVENT has a stable UID (``event-<translation key>@<host>``, the same for every language
of one event), the page URL, DTSTART/DTEND in the event's own zone with the matching VTIMEZONE
components, and SEQUENCE from ``EventPage.sequence``. The join link is added only when
``private=True`` (the member's own feed and the attachment of their confirmation email)."""

import datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Site

from icalendar import Calendar, Event, Timezone

from portal.emails import page_url

PRODID = "-//Articula//Events//EN"


def uid_host():
    site = Site.objects.filter(is_default_site=True).only("hostname").first()
    if site and site.hostname not in ("", "localhost"):
        return site.hostname
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "articula"


def absolute_url(page, request=None):
    if request is None:  # a confirmation email's attachment: the base of every email's links
        return page_url(page)
    url = page.get_full_url(request=request)
    if url:
        return url
    return request.build_absolute_uri(page.get_url(request=request) or "/")


def build_vevent(event, *, host, request=None, private=False, stamp=None):
    zone = ZoneInfo(event.time_zone)
    url = absolute_url(event, request)
    description = [event.summary] if event.summary else []
    if private and event.join_url:
        description.append(f"Join: {event.join_url}")
    description.append(url)
    location = event.place
    if private and event.join_url and event.mode != event.Mode.IN_PERSON:
        location = f"{event.place} · {event.join_url}" if event.place else event.join_url
    elif not location and event.mode == event.Mode.ONLINE:
        location = "Online"
    vevent = Event.new(
        uid=f"event-{event.translation_key}@{host}",
        summary=event.title,
        start=event.start.astimezone(zone),
        end=event.end.astimezone(zone),
        stamp=stamp or timezone.now(),
        sequence=event.sequence,
        url=url,
        description="\n\n".join(strip_tags(part) for part in description),
        location=location or None,
        last_modified=event.last_published_at,
        categories=[event.get_kind_display()],
    )
    return vevent


def build_calendar(events, *, name, request=None, private=False):
    """An RFC 5545 calendar (bytes) for ``events`` (EventPage instances)."""
    calendar = Calendar.new(prodid=PRODID, name=str(name), method="PUBLISH")
    host = uid_host()
    stamp = timezone.now()
    events = list(events)
    for event in events:
        calendar.add_component(
            build_vevent(event, host=host, request=request, private=private, stamp=stamp)
        )
    if events:
        first = min(e.start for e in events).date() - datetime.timedelta(days=400)
        last = max(e.end for e in events).date() + datetime.timedelta(days=400)
        position = len(calendar.timezones)
        for tzid in sorted(calendar.get_missing_tzids()):
            try:
                zone = _vtimezone(tzid, first.year, last.year)
            except ValueError:  # a zone icalendar does not know: left out, as it did
                continue
            calendar.subcomponents.insert(position, zone)  # before the events
            position += 1
    return calendar.to_ical()


@lru_cache(maxsize=128)
def _vtimezone(tzid, first_year, last_year):
    """The VTIMEZONE of ``tzid`` over whole years (covering the events and 400 days around
    them). Building one walks the zone's offsets day by day, which was most of a feed's time;
    the answer depends only on these arguments and the tz database, so it is kept (the
    component is only read when the calendar is written)."""
    return Timezone.from_tzid(
        tzid,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year, 12, 31),
    )
