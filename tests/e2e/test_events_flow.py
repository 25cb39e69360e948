"""A member registers for a session in a real browser (in Madrid's time zone), downloads its
.ics, finds it on the dashboard; a moderator marks attendance in the Wagtail admin.
Screenshots go to test-artifacts/."""

import datetime
import re
from pathlib import Path

from django.utils import timezone

import icalendar
import pytest

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def next_weekday_after_madrid_dst():
    """The Monday after Europe/Madrid next moves its clocks forward (last Sunday of March)."""
    year = timezone.now().year + 1
    last_sunday = max(
        datetime.date(year, 3, day)
        for day in range(25, 32)
        if datetime.date(year, 3, day).weekday() == 6
    )
    return last_sunday + datetime.timedelta(days=1)


@pytest.fixture
def event_data():
    from portal.models import HomePage
    from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home)
    program = ProgramPageFactory(
        parent=index, title="Training program for cluster managers", slug="cluster-managers"
    )
    day = next_weekday_after_madrid_dst()
    start = datetime.datetime.combine(
        day, datetime.time(14, 0), tzinfo=datetime.UTC
    )  # 09:00 Bogota
    session = EventPageFactory(
        parent=program,
        title="Session 9: Internationalisation strategies",
        slug="session-9",
        number=9,
        start=start,
        end=start + datetime.timedelta(minutes=90),
        capacity=40,
        join_url="https://meet.example.org/private-room-9",
    )
    member = UserFactory(username="joao", first_name="João", last_name="Membro", groups=["Members"])
    moderator = UserFactory(username="mateo", groups=["Moderators"])
    return {"program": program, "session": session, "member": member, "moderator": moderator}


def log_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()


def test_member_registers_downloads_ics_sees_dashboard_and_staff_mark_attendance(
    live_server, browser, event_data, screenshot, tmp_path
):
    from events.models import EventRegistration

    session, member, moderator = (
        event_data["session"],
        event_data["member"],
        event_data["moderator"],
    )
    base = live_server.url
    context = browser.new_context(
        timezone_id="Europe/Madrid",
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()

    # The session page shows 09:00 Bogota time and, filled in by the browser, 16:00 in Madrid
    # (summer time has started there; Bogota has none).
    page.goto(base + session.url)
    assert "9 a.m." in page.locator(".event-when time").first.inner_text()
    local = page.locator("[data-event-local]").first
    local.wait_for(state="visible")
    assert re.search(r"(16:00|04:00\s?PM)", local.inner_text()), local.inner_text()
    assert "Europe/Madrid" in local.inner_text()
    assert "private-room-9" not in page.content()
    screenshot(page, "session-anonymous")

    log_in(page, base, member)
    page.goto(base + session.url)
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are registered. We have emailed you").is_visible()
    join = page.get_by_role("link", name="Join the session")
    assert join.get_attribute("href") == "https://meet.example.org/private-room-9"
    screenshot(page, "session-registered")
    assert EventRegistration.objects.get(event=session, user=member).status == "registered"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    path = Path(tmp_path) / "session.ics"
    download_info.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == session.title
    assert vevent.decoded("DTSTART") == session.start
    assert "private-room-9" not in path.read_text()

    page.goto(base + "/dashboard/")
    section = page.locator("#events")
    assert section.get_by_role("link", name=session.title).is_visible()
    feed_url = section.locator("input.feed-url").input_value()
    assert re.search(r"/events/feed/[\w-]+\.ics$", feed_url)
    section.scroll_into_view_if_needed()
    screenshot(page, "dashboard")

    # The private feed has the join link.
    feed = page.request.get(feed_url)
    assert feed.ok and "private-room-9" in feed.text()

    # A moderator marks the member's attendance in the admin.
    context.clear_cookies()
    log_in(page, base, moderator)
    page.goto(base + f"/admin/pages/{session.pk}/edit/")
    page.get_by_role("tab", name="Schedule").click()
    # Staff see and type wall-clock time in the event's own zone.
    assert page.locator("input[name=start]").input_value() == f"{session.start.date()} 09:00"
    assert page.locator("select[name=time_zone]").input_value() == "America/Bogota"
    screenshot(page, "admin-edit-schedule-tab")
    page.goto(base + f"/admin/events/attendance/{session.pk}/")
    page.get_by_label("João Membro attended").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    assert page.get_by_text("Attendance saved: 1 marked").is_visible()
    screenshot(page, "admin-attendance")
    assert EventRegistration.objects.get(event=session, user=member).status == "attended"
    context.close()
