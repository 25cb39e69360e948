import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.calendars import uid_host
from events.models import EventRegistration
from events.selectors import feed_token_for
from events.services import feed_token_reset

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_field_by_field(client, make_event):
    start = datetime.datetime(2027, 3, 26, 14, 0, tzinfo=UTC)  # 09:00 in Bogota
    event = make_event(
        start=start,
        end=start + datetime.timedelta(minutes=90),
        title="Session 9: Internationalisation strategies",
        summary="With a guest from a regional commission.",
        place="",
        mode="online",
    )

    calendar = parse(client.get(event.url + "calendar.ics"))

    assert calendar["VERSION"] == "2.0"
    assert "Articula" in str(calendar["PRODID"])
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.translation_key}@{uid_host()}"
    assert str(vevent["SUMMARY"]) == "Session 9: Internationalisation strategies"
    assert str(vevent["URL"]) == event.full_url
    assert vevent["SEQUENCE"] == 0
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == start
    assert vevent["DTSTART"].params["TZID"] == "America/Bogota"
    assert dtstart.astimezone(ZoneInfo("America/Bogota")).hour == 9
    assert vevent.decoded("DTEND") - dtstart == datetime.timedelta(minutes=90)
    assert "With a guest" in str(vevent["DESCRIPTION"])
    assert "DTSTAMP" in vevent
    # The zone used by DTSTART is described by a VTIMEZONE in the same file.
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert calendar.get_missing_tzids() == set()
    # Never the join link in a public file.
    assert event.join_url not in response_text(client.get(event.url + "calendar.ics"))


def response_text(response):
    return response.content.decode()


def test_sequence_in_the_feed_follows_schedule_changes(client, session):
    session.start += datetime.timedelta(days=1)
    session.end += datetime.timedelta(days=1)
    session.save_revision().publish()
    (vevent,) = parse(client.get(session.url + "calendar.ics")).walk("VEVENT")
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART") == session.start


def test_program_ics_has_every_session_in_order(client, program, make_event):
    events = [make_event(days=d, number=n) for n, d in ((1, 3), (2, 10), (3, 17))]
    calendar = parse(client.get(program.url + "calendar.ics"))
    uids = [str(v["UID"]) for v in calendar.walk("VEVENT")]
    assert uids == [f"event-{e.translation_key}@{uid_host()}" for e in events]


def test_site_feed_honours_the_listing_filters(client, events_index, program, make_event):
    from tests.factories.events import EventPageFactory

    session = make_event(days=5, kind="session")
    webinar = EventPageFactory(
        parent=events_index, kind="webinar", start=session.start, end=session.end
    )
    all_events = parse(client.get("/events/calendar.ics"))
    assert len(all_events.walk("VEVENT")) == 2

    only_webinars = parse(client.get("/events/calendar.ics?kind=webinar"))
    assert [str(v["SUMMARY"]) for v in only_webinars.walk("VEVENT")] == [webinar.title]

    only_program = parse(client.get(f"/events/calendar.ics?program={program.slug}"))
    assert [str(v["SUMMARY"]) for v in only_program.walk("VEVENT")] == [session.title]

    month = session.local_start.strftime("%Y-%m")
    assert len(parse(client.get(f"/events/calendar.ics?month={month}")).walk("VEVENT")) == 2
    assert parse(client.get("/events/calendar.ics?month=1999-01")).walk("VEVENT") == []
    # Bad filters are ignored, not errors.
    assert len(parse(client.get("/events/calendar.ics?month=nonsense&kind=x")).walk("VEVENT")) == 2


def test_private_feed_lists_my_events_with_join_links(client, member, other_member, make_event):
    mine = make_event(days=3)
    waitlisted = make_event(days=4)
    cancelled = make_event(days=5)
    someone_elses = make_event(days=6)
    EventRegistration.objects.create(event=mine, user=member, status="registered")
    EventRegistration.objects.create(event=waitlisted, user=member, status="waitlisted")
    EventRegistration.objects.create(event=cancelled, user=member, status="cancelled")
    EventRegistration.objects.create(event=someone_elses, user=other_member, status="registered")
    token = feed_token_for(member).token

    response = client.get(f"/events/feed/{token}.ics")

    calendar = parse(response)
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == [mine.title]
    assert mine.join_url in response.content.decode()
    assert someone_elses.join_url not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_resetting_the_token_invalidates_the_old_feed_url(client, member, session):
    EventRegistration.objects.create(event=session, user=member, status="registered")
    old = feed_token_for(member).token
    assert client.get(f"/events/feed/{old}.ics").status_code == 200

    new = feed_token_reset(user=member).token

    assert new != old
    assert client.get(f"/events/feed/{old}.ics").status_code == 404
    assert client.get(f"/events/feed/{new}.ics").status_code == 200


def test_the_reset_button_is_a_verified_post(client, member, unverified_user):
    old = feed_token_for(member).token
    assert client.get("/events/feed/reset/").status_code == 405
    client.force_login(member)
    response = client.post("/events/feed/reset/")
    assert response.status_code == 302
    assert feed_token_for(member).token != old

    client.force_login(unverified_user)
    token = feed_token_for(unverified_user).token
    client.post("/events/feed/reset/")
    assert feed_token_for(unverified_user).token == token


@pytest.mark.parametrize("token", ["forged", "x" * 32, "../../etc/passwd"])
def test_forged_tokens_get_404(client, member, token):
    feed_token_for(member)
    assert client.get(f"/events/feed/{token}.ics").status_code == 404
