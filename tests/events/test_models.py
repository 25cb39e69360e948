import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from events.models import EventPage
from events.templatetags.events_tags import event_when
from events.timezones import in_zone

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MADRID = ZoneInfo("Europe/Madrid")


def admin_form(program, user, instance=None, **overrides):
    data = {
        "title": "Time zone test",
        "slug": "time-zone-test",
        "kind": "session",
        "number": "",
        "summary": "",
        "description": rich_text(""),
        "speakers": inline_formset([]),
        "documents": inline_formset([]),
        "tags": "",
        "time_zone": "America/Bogota",
        "start": "2026-03-27 09:00",
        "end": "2026-03-27 10:30",
        "mode": "online",
        "place": "",
        "join_url": "",
        "registration_open": "on",
        "capacity": "",
        "registration_deadline": "",
        "recording_url": "",
        "slides": "",
        "report": rich_text(""),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class(
        nested_form_data(data),
        instance=instance or EventPage(),
        parent_page=program,
        for_user=user,
    )


@pytest.mark.parametrize(
    ("day", "madrid_hour"),
    [
        ("2026-03-27", 15),  # Madrid on CET (UTC+1), the Friday before the clocks change
        ("2026-03-30", 16),  # Madrid on CEST (UTC+2), the Monday after
        ("2026-10-23", 16),  # still CEST
        ("2026-10-26", 15),  # back on CET after the last Sunday of October
    ],
)
def test_staff_enter_wall_time_in_the_event_zone(program, admin_user, day, madrid_hour):
    form = admin_form(program, admin_user, start=f"{day} 09:00", end=f"{day} 10:30")
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    program.add_child(instance=event)
    event.refresh_from_db()

    # Bogota is UTC-5 all year: 09:00 there is 14:00 UTC whatever Madrid does.
    assert event.start == datetime.datetime.fromisoformat(f"{day}T14:00:00+00:00")
    assert event.end == datetime.datetime.fromisoformat(f"{day}T15:30:00+00:00")
    assert event.local_start.strftime("%H:%M") == "09:00"
    assert in_zone(event.start, "Europe/Madrid").hour == madrid_hour
    assert event.local_start_date == datetime.date.fromisoformat(day)

    # The page shows the event zone's time and gives the browser the UTC instant.
    context = event_when(event)
    assert context["start_iso"] == f"{day}T14:00:00Z"
    assert context["zone"] == "America/Bogota"
    assert context["utc_offset"] == "-05:00"
    assert "9" in context["text"]


def test_the_edit_form_shows_the_stored_time_in_the_event_zone(make_event, program, admin_user):
    event = make_event(
        start=datetime.datetime(2026, 3, 30, 14, 0, tzinfo=UTC),
        end=datetime.datetime(2026, 3, 30, 15, 30, tzinfo=UTC),
        time_zone="America/Bogota",
    )
    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(instance=event, parent_page=program, for_user=admin_user)
    assert form["start"].value() == datetime.datetime(2026, 3, 30, 9, 0)


def test_a_madrid_event_across_the_dst_change(program, admin_user):
    form = admin_form(
        program,
        admin_user,
        time_zone="Europe/Madrid",
        start="2026-03-28 09:00",
        end="2026-03-29 09:00",
    )
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    assert event.start == datetime.datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert event.end == datetime.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 23 hours later


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"end": "2026-03-27 08:00"}, "end", "must end after it starts"),
        ({"end": "2026-03-27 09:00"}, "end", "must end after it starts"),
        (
            {"registration_deadline": "2026-03-27 09:30"},
            "registration_deadline",
            "before the event starts",
        ),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "not a known IANA time zone"),
        (
            {"time_zone": "Europe/Madrid", "start": "2026-03-29 02:30", "end": "2026-03-29 04:00"},
            "start",
            "does not exist",
        ),
        ({"slug": "feed"}, "slug", "reserved"),
    ],
)
def test_bad_schedules_are_refused_with_a_clear_message(
    program, admin_user, overrides, field, text
):
    form = admin_form(program, admin_user, **overrides)
    assert not form.is_valid()
    assert text in " ".join(str(e) for e in form.errors.get(field, [])), form.errors


def test_model_validation_refuses_end_before_start(program):
    start = datetime.datetime(2026, 5, 1, 14, 0, tzinfo=UTC)
    event = EventPage(title="x", slug="x", start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict


def test_sequence_increases_when_the_schedule_changes_on_publish(session):
    assert session.sequence == 0
    session.title = "New title"
    session.save_revision().publish()
    session.refresh_from_db()
    assert session.sequence == 0  # a title is not a schedule change

    session.start += datetime.timedelta(hours=1)
    session.end += datetime.timedelta(hours=1)
    session.save_revision().publish()
    session.refresh_from_db()
    assert session.sequence == 1

    session.place = "Bogotá"
    session.save_revision().publish()
    session.refresh_from_db()
    assert session.sequence == 2


def test_publishing_an_old_draft_never_lowers_the_sequence(session):
    draft = session.save_revision()  # drafted while sequence was 0
    session.start += datetime.timedelta(hours=1)
    session.save_revision().publish()
    session.refresh_from_db()
    assert session.sequence == 1
    draft.publish()
    session.refresh_from_db()
    assert session.sequence >= 1
