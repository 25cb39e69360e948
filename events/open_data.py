"""Events and program sessions in the bulk open-data download
(``portal/open_data_package.py``): what, when, where and in which program, one row per published
language version. Join links, registrations and speakers' profiles are left out. Registered in
``wagtail_hooks.py``."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from portal.emails import absolute_url, site_base_url
from portal.i18n import own_url
from portal.open_data import OpenDataField, OpenDataset
from portal.visibility import live_public

from .models import EventPage, EventTag
from .selectors import attach_programs

FIELDS = (
    OpenDataField("id", "integer", _("Identifier of the event (its page id)")),
    OpenDataField("title", "string", _("Title")),
    OpenDataField("url", "string", _("Address of the event's page")),
    OpenDataField("language", "string", _("Language of this version (en, es, pt)")),
    OpenDataField("translation_key", "string", _("Shared by the language versions of one event")),
    OpenDataField("kind", "string", _("Kind (session, webinar, workshop, congress)")),
    OpenDataField("mode", "string", _("Mode (online, in_person, hybrid)")),
    OpenDataField("start", "datetime", _("Start (UTC)")),
    OpenDataField("end", "datetime", _("End (UTC)")),
    OpenDataField("time_zone", "string", _("Time zone of the event (IANA name)")),
    OpenDataField("place", "string", _("Venue and city, for in-person events")),
    OpenDataField("program", "string", _("Training program the session belongs to")),
    OpenDataField("session_number", "integer", _("Number of the session in its program")),
    OpenDataField("summary", "string", _("Summary")),
    OpenDataField("tags", "array", _("Tags, separated by ;")),
)


def event_rows():
    events = list(
        live_public(EventPage.objects.all())
        .select_related("locale")
        .defer("description")
        .order_by("start", "pk")
    )
    attach_programs(events)
    tags = defaultdict(list)
    for page_id, name in (
        EventTag.objects.filter(content_object_id__in=[event.pk for event in events])
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[page_id].append(name)
    base = site_base_url()
    for event in events:
        yield {
            "id": event.pk,
            "title": event.title,
            "url": absolute_url(own_url(event) or "", base=base),
            "language": event.locale.language_code,
            "translation_key": event.translation_key,
            "kind": event.kind,
            "mode": event.mode,
            "start": event.start,
            "end": event.end,
            "time_zone": event.time_zone,
            "place": event.place,
            "program": event.program.title if event.program else "",
            "session_number": event.number,
            "summary": event.summary,
            "tags": tags.get(event.pk, []),
        }


def events_dataset():
    return OpenDataset(
        key="events",
        title=_("Events and program sessions"),
        order=30,
        fields=FIELDS,
        rows=event_rows,
    )
