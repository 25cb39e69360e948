"""The events pages run as many queries with a few events as with many (tags, speakers,
registrations and programs included).

The ceilings are today's counts, warm (the shared fragments of ``portal.page_cache`` filled):
what every visitor sees alike (the list's cards, filters and count; an event's speakers,
documents, tags, seats and breadcrumbs; a program's sessions, organisations and tags) comes from
the shared cache, so the pages spend their queries on the routing (the events index is not
routable: its children are read in one query) and, signed in, on the session, the user and the
visitor's own registrations (the list and a program: one query; an event: one)."""

import pytest

from events.models import EventRegistration
from tests.factories.events import (
    EventPageFactory,
    EventRegistrationFactory,
    EventSpeakerFactory,
    ProgramPageFactory,
)
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db


def add_events(parent, count, *, user=None, tags=("coffee", "water")):
    for _ in range(count):
        event = EventPageFactory(parent=parent)
        event.tags.add(*tags)
        event.save_revision().publish()
        EventSpeakerFactory(page=event)
        EventRegistrationFactory(event=event)
        if user is not None:
            EventRegistrationFactory(
                event=event, user=user, status=EventRegistration.Status.ATTENDED
            )


@pytest.fixture
def filled(events_index, program, session, member):
    """A program with a session (the member registered), one more program and a few events."""
    session.tags.add("coffee")
    session.save_revision().publish()
    EventSpeakerFactory(page=session)
    EventRegistrationFactory(event=session, user=member)
    add_events(program, 2, user=member)
    add_events(ProgramPageFactory(parent=events_index), 1, user=member)
    return events_index


def grow(events_index, program, member):
    def more():
        add_events(program, 6, user=member)
        add_events(events_index, 4)
        add_events(ProgramPageFactory(parent=events_index), 3, user=member)

    return more


@pytest.mark.parametrize(
    ("url", "anonymous", "signed_in"),
    [
        ("/events/", 3, 8),
        ("/events/?when=past", 3, 7),
        ("/events/cluster-management/", 3, 8),
        ("/events/cluster-management/what-is-a-cluster/", 4, 9),
        ("/events/calendar.ics", 2, 2),
        ("/events/cluster-management/calendar.ics", 5, 5),
    ],
)
@pytest.mark.parametrize("sign_in", [False, True])
def test_events_pages_queries_do_not_grow(
    client, filled, program, member, sign_in, url, anonymous, signed_in
):
    if sign_in:
        client.force_login(member)
    most = signed_in if sign_in else anonymous
    assert_constant_queries(client, url, grow=grow(filled, program, member), most=most)


def test_dashboard_programs_queries_do_not_grow(client, filled, program, member):
    """The events part of the dashboard: four queries for the programs whatever their
    number (it was one more per program)."""
    from events.selectors import dashboard_programs
    from tests.querycounts import assert_constant_queries_of

    assert_constant_queries_of(
        lambda: dashboard_programs(user=member), grow=grow(filled, program, member), most=4
    )


def test_tagged_sessions_and_programs_come_as_their_types_in_one_query(
    rf, program, session, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from events.models import EventPage, ProgramPage
    from portal.models import Tag
    from portal.tagging import tagged_type

    for page in (program, session):
        page.tags.add("coffee")
        page.save_revision().publish()
    request = rf.get("/")
    request.user = AnonymousUser()
    tagged = tagged_type("events")
    tags = [Tag.objects.get(name="coffee")]
    tagged.items_for_any_tag(tags, request, limit=6)  # warms the caches (restricted paths)
    # The pages joined to both child tables (with ``specific()`` it was one more query per
    # page type); the visitor's locale comes from the shared cache.
    with django_assert_num_queries(1):
        items = tagged.items_for_any_tag(tags, request, limit=6)
        fields = {type(item): (item.title, item.summary) for item in items}
    assert set(fields) == {EventPage, ProgramPage}
    assert fields[EventPage][0] == session.title
    assert fields[ProgramPage][0] == program.title


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/events/", 20),
        ("/events/cluster-management/", 18),
        ("/events/cluster-management/what-is-a-cluster/", 19),
    ],
)
def test_events_pages_queries_do_not_grow_with_the_fragments_cold(
    client, settings, filled, program, member, url, most
):
    """What the shared fragments keep is read without an N+1 when they are empty (every write
    to public content empties them): with the fragments off (the layout's too, so the counts
    are high), as many queries with many events."""
    settings.FRAGMENT_CACHE_ENABLED = False
    client.force_login(member)
    assert_constant_queries(client, url, grow=grow(filled, program, member), most=most)
