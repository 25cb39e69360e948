import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import icalendar
import pytest

from events.models import EventRegistration
from events.services import (
    RegistrationError,
    attendance_mark,
    registration_cancel,
    registration_create,
    reminders_send,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_register_sends_confirmation_with_calendar_attachment(session, member):
    registration = registration_create(event=session, user=member)

    assert registration.status == "registered"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert session.title in message.subject
    assert "9" in message.body or session.time_zone in message.body
    assert session.join_url in message.body  # the registrant's own email has the link
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    assert [e["UID"] for e in calendar.walk("VEVENT")] == [
        f"event-{session.translation_key}@localhost"
    ] or calendar.walk("VEVENT")[0]["UID"].startswith("event-")


def test_full_event_puts_members_on_the_waitlist(make_event, member, other_member):
    event = make_event(capacity=1)
    registration_create(event=event, user=member)
    waiting = registration_create(event=event, user=other_member)

    assert waiting.status == "waitlisted"
    assert "waitlist" in mail.outbox[-1].subject.lower()
    assert not mail.outbox[-1].attachments


def test_cancel_promotes_the_first_waitlisted_member_and_emails_them(make_event, member):
    event = make_event(capacity=1)
    first_waiting = UserFactory(username="first")
    second_waiting = UserFactory(username="second")
    registration_create(event=event, user=member)
    registration_create(event=event, user=first_waiting)
    registration_create(event=event, user=second_waiting)
    mail.outbox.clear()

    registration_cancel(event=event, user=member)

    statuses = dict(
        EventRegistration.objects.filter(event=event).values_list("user__username", "status")
    )
    assert statuses == {"member1": "cancelled", "first": "registered", "second": "waitlisted"}
    assert [m.to for m in mail.outbox] == [[first_waiting.email]]
    assert mail.outbox[0].attachments  # the promoted member gets the calendar file


def test_cancelling_a_waitlist_place_promotes_nobody(make_event, member, other_member):
    event = make_event(capacity=1)
    registration_create(event=event, user=member)
    registration_create(event=event, user=other_member)
    registration_cancel(event=event, user=other_member)

    assert EventRegistration.objects.get(event=event, user=member).status == "registered"
    assert EventRegistration.objects.get(event=event, user=other_member).status == "cancelled"


def test_register_again_after_cancelling_reuses_the_row(session, member):
    registration_create(event=session, user=member)
    registration_cancel(event=session, user=member)
    registration = registration_create(event=session, user=member)

    assert registration.status == "registered"
    assert EventRegistration.objects.filter(event=session, user=member).count() == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("twice", "already registered"),
        ("past", "already started"),
        ("deadline", "deadline"),
        ("closed", "closed"),
    ],
)
def test_bad_registrations_are_refused_and_change_nothing(make_event, member, setup, message):
    if setup == "past":
        event = make_event(days=-2)
    elif setup == "deadline":
        event = make_event(registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    elif setup == "closed":
        event = make_event(registration_open=False)
    else:
        event = make_event()
        registration_create(event=event, user=member)
    before = list(EventRegistration.objects.values_list("pk", "status", "updated_at"))
    mail.outbox.clear()

    with pytest.raises(RegistrationError) as error:
        registration_create(event=event, user=member)

    assert message in str(error.value.message)
    assert list(EventRegistration.objects.values_list("pk", "status", "updated_at")) == before
    assert mail.outbox == []


def test_cancelling_without_a_registration_is_refused(session, member):
    with pytest.raises(RegistrationError):
        registration_cancel(event=session, user=member)


def test_cancelling_a_past_event_is_refused(make_event, member):
    event = make_event(days=-1)
    EventRegistration.objects.create(event=event, user=member, status="registered")
    with pytest.raises(RegistrationError):
        registration_cancel(event=event, user=member)
    assert EventRegistration.objects.get(event=event, user=member).status == "registered"


def test_registering_on_a_translation_registers_on_the_original(session, member):
    from wagtail.models import Locale

    from events.models import EventIndexPage

    es = Locale.objects.get(language_code="es")
    home = session.get_parent().get_parent().get_parent()
    home.copy_for_translation(es).save_revision().publish()
    index_es = EventIndexPage.objects.get(
        pk=session.get_parent().get_parent().pk
    ).copy_for_translation(es)
    index_es.save_revision().publish()
    program_es = session.get_parent().specific.copy_for_translation(es)
    program_es.save_revision().publish()
    session_es = session.copy_for_translation(es)
    session_es.save_revision().publish()

    registration = registration_create(event=session_es.specific, user=member)

    assert registration.event_id == session.pk
    with pytest.raises(RegistrationError):
        registration_create(event=session, user=member)


def test_reminders_are_sent_once_to_registered_members_within_24_hours(
    make_event, member, other_member
):
    soon = make_event(start=timezone.now() + datetime.timedelta(hours=20))
    later = make_event(start=timezone.now() + datetime.timedelta(days=3))
    registration_create(event=soon, user=member)
    registration_create(event=later, user=member)
    EventRegistration.objects.create(event=soon, user=other_member, status="cancelled")
    mail.outbox.clear()

    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert soon.join_url in mail.outbox[0].body

    mail.outbox.clear()
    assert reminders_send() == 0
    assert mail.outbox == []
    assert EventRegistration.objects.get(event=soon, user=member).reminder_sent_at is not None


def test_attendance_marking(make_event, member, other_member):
    event = make_event(days=-1)
    EventRegistration.objects.create(event=event, user=member, status="registered")
    EventRegistration.objects.create(event=event, user=other_member, status="cancelled")

    assert attendance_mark(event=event, user_ids=[member.pk, other_member.pk]) == 1
    assert EventRegistration.objects.get(user=member).status == "attended"
    assert EventRegistration.objects.get(user=other_member).status == "cancelled"
    assert attendance_mark(event=event, user_ids=[member.pk], attended=False) == 1
    assert EventRegistration.objects.get(user=member).status == "registered"


def test_raising_capacity_on_publish_promotes_the_waitlist(make_event, member, other_member):
    event = make_event(capacity=1)
    registration_create(event=event, user=member)
    registration_create(event=event, user=other_member)
    event.capacity = 2
    event.save_revision().publish()

    assert EventRegistration.objects.get(event=event, user=other_member).status == "registered"
