import csv
import datetime
import io
from pathlib import Path

from django.utils import timezone

import pytest

from events.models import Certificate, EventRegistration
from events.selectors import feed_token_for
from tests.factories.events import EventPageFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db


# --- registering through the site --------------------------------------------------------------


def test_member_registers_and_cancels_with_one_click(client, member, session):
    client.force_login(member)
    response = client.post(session.url + "register/")
    assert response.status_code == 302
    assert response["Location"] == session.url
    assert EventRegistration.objects.get(event=session, user=member).status == "registered"

    page = client.get(session.url)
    assert b"You are registered" in page.content
    assert session.join_url.encode() in page.content

    client.post(session.url + "cancel/")
    assert EventRegistration.objects.get(event=session, user=member).status == "cancelled"
    assert session.join_url.encode() not in client.get(session.url).content


def test_registering_twice_shows_a_message_and_changes_nothing(client, member, session):
    client.force_login(member)
    client.post(session.url + "register/")
    before = EventRegistration.objects.get(event=session, user=member).updated_at
    response = client.post(session.url + "register/", follow=True)
    assert b"already registered" in response.content
    assert EventRegistration.objects.get(event=session, user=member).updated_at == before


def test_registering_for_a_past_event_shows_a_message(client, member, make_event):
    event = make_event(days=-3)
    client.force_login(member)
    response = client.post(event.url + "register/", follow=True)
    assert b"already started" in response.content
    assert not EventRegistration.objects.exists()


def test_next_parameter_is_limited_to_this_site(client, member, session):
    client.force_login(member)
    response = client.post(session.url + "register/", {"next": "https://evil.example.com/"})
    assert response["Location"] == session.url


# --- permissions on every events URL ----------------------------------------------------------------


def test_registration_urls_need_a_verified_member_and_post(client, session, unverified_user):
    for action in ("register", "cancel"):
        url = f"{session.url}{action}/"
        assert client.get(url).status_code == 405
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(unverified_user)
    response = client.post(session.url + "register/")
    assert response.status_code == 302 and "/accounts/email/" in response["Location"]
    assert not EventRegistration.objects.exists()


def test_csrf_is_enforced_on_registration(member, session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(session.url + "register/").status_code == 403
    assert not EventRegistration.objects.exists()


def test_public_urls_answer_anonymous_visitors(client, events_index, program, session):
    for url in [
        events_index.url,
        events_index.url + "?when=past",
        program.url,
        session.url,
        session.url + "calendar.ics",
        program.url + "calendar.ics",
        "/events/calendar.ics",
        "/es/events/calendar.ics",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/events/no-such-program/calendar.ics").status_code == 404
    assert client.get("/events/feed/reset/").status_code == 405


def test_unpublished_events_are_not_served(client, session):
    session.unpublish()
    assert client.get(session.url_path.replace("/home", "", 1)).status_code == 404
    assert (
        client.get("/events/cluster-management/what-is-a-cluster/calendar.ics").status_code == 404
    )


def test_admin_views_need_staff_permissions(client, member, moderator, session):
    EventRegistration.objects.create(event=session, user=member, status="registered")
    urls = [
        f"/admin/events/attendance/{session.pk}/",
        f"/admin/events/attendance/{session.pk}/registrations.csv",
        "/admin/event_registrations/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(member)
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    response = client.post(f"/admin/events/attendance/{session.pk}/", {"attended": [member.pk]})
    assert EventRegistration.objects.get(user=member).status == "registered"
    client.force_login(moderator)
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- staff: attendance and CSV ----------------------------------------------------------------------


def test_moderator_marks_attendance(client, moderator, member, other_member, make_event):
    event = make_event(days=-1)
    EventRegistration.objects.create(event=event, user=member, status="registered")
    EventRegistration.objects.create(event=event, user=other_member, status="attended")
    client.force_login(moderator)

    response = client.post(
        f"/admin/events/attendance/{event.pk}/", {"attended": [str(member.pk), "999999"]}
    )

    assert response.status_code == 302
    statuses = dict(EventRegistration.objects.values_list("user__username", "status"))
    assert statuses == {"member1": "attended", "member2": "registered"}
    response = client.post(f"/admin/events/attendance/{event.pk}/", {"attended": ["abc"]})
    assert EventRegistration.objects.get(user=member).status == "attended"


def test_staff_csv_export_per_event(client, moderator, member, other_member, make_event):
    event = make_event()
    elsewhere = make_event(days=9)
    other_member.first_name = "=cmd"
    other_member.save()
    EventRegistration.objects.create(event=event, user=member, status="registered")
    EventRegistration.objects.create(event=event, user=other_member, status="waitlisted")
    EventRegistration.objects.create(event=elsewhere, user=member, status="registered")
    client.force_login(moderator)

    response = client.get(f"/admin/events/attendance/{event.pk}/registrations.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["username"], r["status"], r["email"]) for r in rows] == [
        ("member1", "registered", member.email),
        ("member2", "waitlisted", other_member.email),
    ]
    assert rows[1]["name"].startswith("'=")  # formulas are neutralised

    listing = client.get(f"/admin/event_registrations/?event={event.pk}&export=csv")
    assert listing.status_code == 200
    body = (
        b"".join(listing.streaming_content).decode()
        if listing.streaming
        else listing.content.decode()
    )
    assert body.count(member.email) == 1 and other_member.email in body


# --- the join link stays private ------------------------------------------------------------------


def test_join_link_absent_from_every_public_response(
    client, make_user, member, other_member, events_index, program, session
):
    secret = session.join_url.encode()
    public_urls = [
        "/",
        events_index.url,
        program.url,
        session.url,
        session.url + "calendar.ics",
        program.url + "calendar.ics",
        "/events/calendar.ics",
        f"/search/?q={session.title.split()[0]}",
        f"/search/?q={session.join_url.rsplit('/', 1)[-1]}",
        f"/api/v3/pages/{session.pk}/",
        "/api/v3/pages/?type=events.EventPage&fields=*",
    ]
    session.tags.add("export promotion")
    session.capacity = 1
    session.save_revision().publish()
    EventRegistration.objects.create(event=session, user=make_user(), status="registered")
    EventRegistration.objects.create(event=session, user=other_member, status="waitlisted")
    public_urls.append("/tags/export-promotion/")
    for label, user in [
        ("anonymous", None),
        ("not registered", member),
        ("waitlisted", other_member),
    ]:
        if user:
            client.force_login(user)
        for url in public_urls:
            response = client.get(url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            assert secret not in content, (label, url)
    # The search index never holds it either.
    from events.models import EventPage

    assert list(EventPage.objects.live().search(session.join_url.rsplit("/", 1)[-1])) == []


def test_join_link_shown_to_the_registered_member_only_until_the_end(client, member, make_event):
    past = make_event(days=-1)
    EventRegistration.objects.create(event=past, user=member, status="attended")
    client.force_login(member)
    assert past.join_url.encode() not in client.get(past.url).content


# --- certificates -----------------------------------------------------------------------------------


@pytest.fixture
def four_sessions(make_event):
    return [make_event(days=-30 + 7 * n, number=n + 1) for n in range(4)]


def attend(user, sessions):
    for event in sessions:
        EventRegistration.objects.create(event=event, user=user, status="attended")


def test_certificate_needs_the_required_share_of_sessions(client, member, program, four_sessions):
    attend(member, four_sessions[:2])  # 2 of 4 = 50% < 75%
    client.force_login(member)

    response = client.get(program.url + "certificate/")

    assert response.status_code == 403
    assert b"3 are needed" in response.content
    assert not Certificate.objects.exists()


def test_certificate_when_the_member_attended_enough(client, member, program, four_sessions):
    attend(member, four_sessions[:3])  # 75%
    member.first_name, member.last_name = "Ana", "Pérez"
    member.save()
    client.force_login(member)

    response = client.get(program.url + "certificate/")

    assert response.status_code == 200
    text = response.content.decode()
    certificate = Certificate.objects.get(user=member)
    assert "Ana Pérez" in text and program.title in text and certificate.code in text
    for event in four_sessions[:3]:
        assert event.title in text
    assert four_sessions[3].title not in text
    assert "@media print" in Path("events/static/events/certificate.css").read_text()
    # The same code on every visit, and anyone can check it.
    assert client.get(program.url + "certificate/").content.decode().count(certificate.code) >= 1
    assert Certificate.objects.count() == 1
    client.logout()
    verify = client.get(f"/events/verify/{certificate.code}/")
    assert verify.status_code == 200 and b"Ana P" in verify.content
    assert client.get("/events/verify/FAKE-CODE-0000/").status_code == 404


def test_certificate_requires_login(client, program):
    response = client.get(program.url + "certificate/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_program_without_sessions_gives_no_certificate(client, member, program):
    client.force_login(member)
    assert client.get(program.url + "certificate/").status_code == 403


# --- listings ---------------------------------------------------------------------------------------


def test_listing_separates_upcoming_and_past_and_filters(client, events_index, program, make_event):
    upcoming = make_event(days=5, title="Upcoming session", number=2)
    past = make_event(days=-5, title="Past session", number=1)
    webinar = EventPageFactory(
        parent=events_index,
        title="A webinar",
        kind="webinar",
        start=timezone.now() + datetime.timedelta(days=40),
        end=timezone.now() + datetime.timedelta(days=40, hours=1),
    )
    webinar.tags.add("open data")
    webinar.save_revision().publish()

    def titles(query=""):
        response = client.get(events_index.url + query)
        assert response.status_code == 200
        return [e.title for e in response.context["events"]]

    assert titles() == ["Upcoming session", "A webinar"]
    assert titles("?when=past") == ["Past session"]
    assert titles("?kind=webinar") == ["A webinar"]
    assert titles(f"?program={program.slug}") == ["Upcoming session"]
    assert titles("?tag=open-data") == ["A webinar"]
    assert titles(f"?month={webinar.local_start.strftime('%Y-%m')}") == ["A webinar"] or (
        upcoming.local_start.strftime("%Y-%m") == webinar.local_start.strftime("%Y-%m")
    )
    assert titles("?month=2020-13") == ["Upcoming session", "A webinar"]
    response = client.get(events_index.url + "?month=2020-13&page=999")
    assert b"not recognised" in response.content
    assert past.title not in titles()


def test_listing_shows_times_in_the_event_zone_with_utc_for_the_browser(
    client, events_index, make_event
):
    start = datetime.datetime(2030, 3, 26, 14, 0, tzinfo=datetime.UTC)
    make_event(start=start, end=start + datetime.timedelta(hours=1), time_zone="America/Bogota")
    content = client.get(events_index.url).content.decode()
    assert 'datetime="2030-03-26T14:00:00Z"' in content
    assert "America/Bogota, UTC-05:00" in content
    assert "9 a.m." in content
    assert "events/local-time.js" in content


def test_program_page_lists_sessions_in_order_with_state(client, member, program, make_event):
    third = make_event(days=10, number=3, title="Third")
    first = make_event(
        days=-10, number=1, title="First", recording_url="https://video.example.org/1"
    )
    second = make_event(
        start=timezone.now() - datetime.timedelta(minutes=30),
        end=timezone.now() + datetime.timedelta(minutes=60),
        number=2,
        title="Second",
    )
    EventRegistration.objects.create(event=first, user=member, status="attended")
    client.force_login(member)

    response = client.get(program.url)

    sessions = response.context["sessions"]
    assert [s.title for s in sessions] == ["First", "Second", "Third"]
    assert [s.current_state for s in sessions] == ["past", "live", "upcoming"]
    content = response.content.decode()
    assert "https://video.example.org/1" in content
    assert "Live now" in content
    assert "You attended 1 of 3 sessions." in content
    assert third.join_url not in content and second.join_url not in content


# --- query counts -------------------------------------------------------------------------------------


# The site chrome includes the main menu and the visitor's locale (portal/navigation.py,
# portal/i18n.py), one query each.
@pytest.mark.parametrize(("url_name", "most"), [("index", 25), ("past", 25), ("program", 27)])
def test_query_counts_do_not_grow_with_the_number_of_sessions(
    client, member, events_index, program, make_event, url_name, most
):
    def build(n, offset):
        for i in range(n):
            event = make_event(days=(offset + i) * (1 if url_name != "past" else -1), number=i + 1)
            event.tags.add(f"tag-{offset}-{i}")
            event.save_revision().publish()
            EventRegistration.objects.create(event=event, user=member, status="registered")

    url = {
        "index": events_index.url,
        "past": events_index.url + "?when=past",
        "program": program.url,
    }[url_name]
    client.force_login(member)
    build(2, 1)
    assert_constant_queries(client, url, grow=lambda: build(10, 20), most=most)


# --- dashboard and home sections -------------------------------------------------------------------------


def test_dashboard_section_shows_registrations_progress_and_feed(rf, member, program, make_event):
    from events.wagtail_hooks import _dashboard_context

    upcoming = make_event(days=3, number=2)
    past = make_event(days=-3, number=1)
    EventRegistration.objects.create(event=upcoming, user=member, status="waitlisted")
    EventRegistration.objects.create(event=past, user=member, status="attended")
    request = rf.get("/dashboard/")
    request.user = member

    context = _dashboard_context(request)

    assert [r.event.pk for r in context["registrations"]] == [upcoming.pk]
    (progress,) = context["programs"]
    assert (progress.attended, progress.total, progress.eligible) == (1, 2, False)
    assert context["feed_url"].endswith(f"/events/feed/{feed_token_for(member).token}.ics")


def test_dashboard_page_includes_the_events_section(client, member, session):
    EventRegistration.objects.create(event=session, user=member, status="registered")
    client.force_login(member)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert session.title.encode() in response.content
    assert b"/events/feed/" in response.content


def test_home_shows_the_next_three_sessions(client, make_event):
    events = [make_event(days=d, title=f"Upcoming {d}") for d in (1, 2, 3, 4)]
    past = make_event(days=-2, title="With materials", recording_url="https://video.example.org/x")
    content = client.get("/").content.decode()
    for event in events[:3]:
        assert event.title in content
    assert events[3].title not in content
    assert past.title in content


def test_certificate_is_in_the_member_language(client, member, program, four_sessions):
    attend(member, four_sessions)
    member.preferred_language = "es"
    member.save()
    client.force_login(member)
    response = client.get(program.url + "certificate/")
    assert response.status_code == 200
    assert "Certificado de participación" in response.content.decode()
    assert '<html lang="es">' in response.content.decode()


def test_tagged_type_lists_events_and_programs_for_a_tag(rf, program, session):
    from portal.tagging import tagged_type

    session.tags.add("internationalisation")
    session.save_revision().publish()
    program.tags.add("internationalisation")
    program.save_revision().publish()
    from portal.models import Tag

    tag = Tag.objects.get(slug="internationalisation")
    items = tagged_type("events").items_for_tag(tag, rf.get("/"))
    assert {p.pk for p in items} == {program.pk, session.pk}


def test_admin_pages_list_and_edit_events_with_the_attendance_button(
    client, moderator, member, program, session
):
    registration = EventRegistration.objects.create(event=session, user=member, status="registered")
    client.force_login(moderator)
    listing = client.get(f"/admin/pages/{program.pk}/")
    assert listing.status_code == 200
    edit = client.get(f"/admin/pages/{session.pk}/edit/")
    assert edit.status_code == 200
    assert f"/admin/events/attendance/{session.pk}/".encode() in edit.content
    for tab in (b"Content", b"Schedule", b"Registration", b"Materials"):
        assert tab in edit.content
    assert client.get(f"/admin/pages/{program.pk}/edit/").status_code == 200
    assert client.get(f"/admin/event_registrations/edit/{registration.pk}/").status_code == 200
    assert client.get(f"/admin/event_registrations/inspect/{registration.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/events/eventpage/{program.pk}/").status_code == 200
