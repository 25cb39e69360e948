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

    program = ProgramPage.objects.get(slug="cluster-management-program", locale__language_code="en")
    sessions = list(program.sessions())
    assert [s.number for s in sessions] == list(range(1, 13))
    assert sessions[8].title.startswith("Session 9: Internationalisation strategies")
    past = [s for s in sessions if s.is_past]
    assert past and len(past) < 12
    assert all(s.recording_url and s.slides_id for s in past)
    kinds = set(EventPage.objects.filter(locale__language_code="en").values_list("kind", flat=True))
    assert kinds == {"session", "webinar", "workshop", "congress"}
    santiago = EventPage.objects.get(slug="congress-santiago-clusters", locale__language_code="en")
    assert santiago.time_zone == "America/Santiago"
    es_program = ProgramPage.objects.get(
        slug="cluster-management-program", locale__language_code="es"
    )
    assert es_program.live and es_program.title.startswith("Programa de formación")
    assert EventPage.objects.filter(locale__language_code="es", live=True).count() == 16
    member_regs = EventRegistration.objects.filter(user__username="member")
    assert member_regs.filter(status="attended").exists()
    assert member_regs.filter(status="registered").exists()

    counts = (EventPage.objects.count(), EventRegistration.objects.count())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)
    assert (EventPage.objects.count(), EventRegistration.objects.count()) == counts
