from .pages import (
    EventDocument,
    EventIndexPage,
    EventPage,
    EventSpeaker,
    EventTag,
    ProgramOrganisation,
    ProgramPage,
    ProgramTag,
    canonical_ids,
)
from .registrations import CalendarFeedToken, Certificate, EventRegistration

__all__ = [
    "CalendarFeedToken",
    "Certificate",
    "EventDocument",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "EventSpeaker",
    "EventTag",
    "ProgramOrganisation",
    "ProgramPage",
    "ProgramTag",
    "canonical_ids",
]
