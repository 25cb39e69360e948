import io
import random

import pytest

from events import demo
from events.models import EventPage, EventRegistration, ProgramPage

pytestmark = pytest.mark.django_db


def test_demo_builds_a_program_with_past_and_upcoming_sessions_and_is_idempotent(settings):
    from portal.demo_content import create_demo_accounts

    create_demo_accounts(stdout=io.StringIO())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)

    program = ProgramPage.objects.get(locale__language_code="en")
    sessions = list(program.sessions())
    assert [s.number for s in sessions] == list(range(1, 13))
    assert len({s.title for s in sessions}) == 12
    past = [s for s in sessions if s.is_past]
    assert past and len(past) < 12
    assert all(s.recording_url and s.slides_id for s in past)
    english = EventPage.objects.filter(locale__language_code="en")
    kinds = set(english.values_list("kind", flat=True))
    assert kinds == {"session", "webinar", "workshop", "congress"}
    # Events happen in their own time zones, not only the site's.
    assert len(set(english.values_list("time_zone", flat=True))) > 1
    es_program = ProgramPage.objects.get(locale__language_code="es")
    assert es_program.translation_key == program.translation_key
    assert es_program.live and es_program.title != program.title
    spanish = EventPage.objects.filter(locale__language_code="es", live=True)
    assert spanish.count() == english.count() == 16
    member_regs = EventRegistration.objects.filter(user__username="member")
    assert member_regs.filter(status="attended").exists()
    assert member_regs.filter(status="registered").exists()

    counts = (EventPage.objects.count(), EventRegistration.objects.count())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)
    assert (EventPage.objects.count(), EventRegistration.objects.count()) == counts
