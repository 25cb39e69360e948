"""Factories for the events app (wagtail-factories): ``EventPageFactory(parent=program,
start=aware datetime)``. Pages are created live."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from events.models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    EventSpeaker,
    ProgramPage,
)
from tests.factories.accounts import UserFactory


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
    intro = "Training programs, webinars, workshops and congresses."


class ProgramPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgramPage

    title = factory.Sequence(lambda n: f"Training program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    summary = "A training program for cluster management teams."
    certificate_share = 75


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = EventPage.Kind.SESSION
    mode = EventPage.Mode.ONLINE
    time_zone = "America/Bogota"
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1, minutes=30))
    summary = "A session of the program."
    join_url = factory.Sequence(lambda n: f"https://meet.example.org/secret-room-{n}")


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSpeaker

    page = factory.SubFactory(EventPageFactory)
    name = factory.Faker("name")
    affiliation = "Regional commission"


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)
    status = EventRegistration.Status.REGISTERED
