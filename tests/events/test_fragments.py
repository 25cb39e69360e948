"""The events pages' shared fragments (events/selectors.py, the ``shared_fragment`` blocks of
the events templates) are never stale: after a write to public content (a registration, an
edit, a new event) and after the moment the clock changes what they show (an event starts,
ends, closes its registration), the next uncached response shows the change.

Each test follows one pattern: a GET stores the fragments (the page cache is off, as for a
signed-in visitor), the change happens, the next GET shows it."""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

import pytest

from events import selectors, services
from events.models import EventRegistration
from tests.factories.events import (
    EventPageFactory,
    EventRegistrationFactory,
    EventSpeakerFactory,
    ProgramPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settings_row():
    from portal.models import PortalSettings

    # The first page ever served creates the settings row (a write: a new generation).
    PortalSettings.load()


@contextmanager
def clock(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def text(response):
    assert response.status_code == 200
    return response.content.decode()


# --- the event page --------------------------------------------------------------------------


def test_the_seats_follow_a_registration_and_a_cancellation(client, make_user, session):
    session.capacity = 10
    session.save_revision().publish()
    assert "10 of 10 seats left" in text(client.get(session.url))
    services.registration_create(event=session, user=make_user(username="reader"))
    assert "9 of 10 seats left" in text(client.get(session.url))
    services.registration_cancel(event=session, user=EventRegistration.objects.get().user)
    assert "10 of 10 seats left" in text(client.get(session.url))


def test_the_waitlist_and_seats_follow_attendance_marked_in_bulk(client, make_user, session):
    """``attendance_mark`` writes with ``update()``, which sends no signal: it starts the new
    generation itself. A waitlisted member marked present takes a seat."""
    session.capacity = 1
    session.save_revision().publish()
    EventRegistrationFactory(event=session)
    waiting = EventRegistrationFactory(
        event=session, status=EventRegistration.Status.WAITLISTED
    ).user
    page = text(client.get(session.url))
    assert "0 of 1 seats left" in page and "1 person on the waitlist" in page
    assert services.attendance_mark(event=session, user_ids=[waiting.pk]) == 1
    assert "person on the waitlist" not in text(client.get(session.url))


def test_an_edit_shows_at_once(client, session):
    assert "Ada Lovelace" not in text(client.get(session.url))
    EventSpeakerFactory(page=session, name="Ada Lovelace")
    session.summary = "A new summary"
    session.save_revision().publish()
    page = text(client.get(session.url))
    assert "Ada Lovelace" in page and "A new summary" in page


def test_the_state_and_registration_follow_the_clock(client, session):
    session.registration_deadline = session.start - datetime.timedelta(days=1)
    session.save_revision().publish()
    page = text(client.get(session.url))
    assert "Register by" in page and "Log in to register" in page
    with clock(session.registration_deadline + datetime.timedelta(minutes=1)):
        page = text(client.get(session.url))
    assert "Registration is closed for this event." in page and "Log in to register" not in page
    with clock(session.start + datetime.timedelta(minutes=1)):
        page = text(client.get(session.url))
    assert "Live now" in page and "Register by" not in page
    with clock(session.end + datetime.timedelta(minutes=1)):
        page = text(client.get(session.url))
    assert "Past event" in page and "Live now" not in page


def test_the_registration_box_is_each_visitors_own(client, member, other_member, session):
    EventRegistrationFactory(event=session, user=member)
    client.force_login(member)
    assert "You are registered for this event." in text(client.get(session.url))
    client.force_login(other_member)
    page = text(client.get(session.url))
    assert "You are registered for this event." not in page
    assert session.join_url not in page


# --- the listing -----------------------------------------------------------------------------


def test_an_event_leaves_the_upcoming_list_when_it_ends(client, events_index, make_event):
    soon = make_event(days=1, title="Ends first")
    later = make_event(days=3, title="Ends later")
    assert "Ends first" in text(client.get("/events/"))
    assert "Ends first" not in text(client.get("/events/?when=past"))
    with clock(soon.end + datetime.timedelta(seconds=1)):
        upcoming = text(client.get("/events/"))
        past = text(client.get("/events/?when=past"))
    assert "Ends first" not in upcoming and "Ends later" in upcoming
    assert "Ends first" in past
    with clock(later.end + datetime.timedelta(seconds=1)):
        assert "Ends later" not in text(client.get("/events/"))


def test_a_new_event_shows_in_the_list(client, events_index, make_event):
    make_event(title="The first one")
    assert "The first one" in text(client.get("/events/"))
    make_event(parent=events_index, title="A webinar published later")
    page = text(client.get("/events/"))
    assert "A webinar published later" in page and "The first one" in page


def test_the_cards_show_each_visitor_their_own_registrations(client, member, other_member, session):
    EventRegistrationFactory(event=session, user=member)
    client.force_login(member)
    assert "You are registered" in text(client.get("/events/"))
    client.force_login(other_member)
    assert "You are registered" not in text(client.get("/events/"))
    client.logout()
    assert "You are registered" not in text(client.get("/events/"))


def test_the_program_filter_lists_a_new_program(client, events_index, session):
    assert "Another program" not in text(client.get("/events/"))
    ProgramPageFactory(parent=events_index, title="Another program")
    assert "Another program" in text(client.get("/events/"))


def test_next_event_end_finds_the_next_end_on_any_day(events_index, program):
    now = timezone.now().replace(microsecond=0)
    first = EventPageFactory(
        parent=program,
        start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=2),
    )
    second = EventPageFactory(
        parent=program, start=now + datetime.timedelta(days=3), end=now + datetime.timedelta(days=4)
    )
    assert selectors.next_event_end(now) == first.end
    # Read from the shared cache this time: the answer moves on with the clock.
    assert selectors.next_event_end(first.end) == second.end
    assert selectors.next_event_end(second.end) is None


# --- the program page ------------------------------------------------------------------------


def test_the_program_shows_a_new_session_and_states_on_the_clock(client, program, session):
    page = text(client.get(program.url))
    assert session.title in page and "Live now" not in page
    EventPageFactory(parent=program, title="A session added later", start=session.start)
    assert "A session added later" in text(client.get(program.url))
    with clock(session.start + datetime.timedelta(minutes=1)):
        assert "Live now" in text(client.get(program.url))


def test_the_program_shows_each_member_their_registrations(
    client, member, other_member, program, session
):
    EventRegistrationFactory(event=session, user=member)
    client.force_login(member)
    assert "Registered</span>" in text(client.get(program.url))
    client.force_login(other_member)
    assert "Registered</span>" not in text(client.get(program.url))
