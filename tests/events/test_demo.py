import io
import random

from django.contrib.staticfiles import finders

import pytest

from events import demo
from events.models import Certificate, EventPage, EventRegistration, ProgramPage

pytestmark = pytest.mark.django_db


def test_demo_builds_a_program_with_past_and_upcoming_sessions_and_is_idempotent(settings):
    from portal.demo_content import create_demo_accounts

    create_demo_accounts(stdout=io.StringIO())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)

    program = ProgramPage.objects.get(locale__language_code="en", slug=demo.PROGRAM["slug"])
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
    es_program = ProgramPage.objects.get(locale__language_code="es", slug=demo.PROGRAM["slug"])
    assert es_program.translation_key == program.translation_key
    assert es_program.live and es_program.title != program.title
    spanish = EventPage.objects.filter(locale__language_code="es", live=True)
    assert spanish.count() == english.count() == 16 + 3
    member_regs = EventRegistration.objects.filter(user__username="member")
    assert member_regs.filter(status="attended").exists()
    assert member_regs.filter(status="registered").exists()

    counts = (EventPage.objects.count(), EventRegistration.objects.count())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)
    assert (EventPage.objects.count(), EventRegistration.objects.count()) == counts


def test_demo_members_hold_the_short_course_certificate_and_can_see_it(client):
    """The certificate, its print layout and the public verification page, for "member"."""
    from portal.demo_content import create_demo_accounts

    create_demo_accounts(stdout=io.StringIO())
    demo.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)

    course = ProgramPage.objects.get(locale__language_code="en", slug=demo.SHORT_COURSE["slug"])
    sessions = list(course.sessions())
    assert len(sessions) == 3 and all(s.is_past for s in sessions)
    certificates = Certificate.objects.filter(program=course)
    assert certificates.count() >= 2
    member = certificates.get(user__username="member").user
    attended = EventRegistration.objects.filter(user=member, event__in=sessions, status="attended")
    assert attended.count() == 3

    client.force_login(member)
    page = client.get(course.url + "certificate/")
    assert page.status_code == 200
    code = certificates.get(user=member).code
    assert code in page.content.decode()
    # The print layout: the page's own stylesheet hides the print button on paper.
    assert b"events/certificate.css" in page.content and b"data-print" in page.content
    stylesheet = finders.find("events/certificate.css")
    with open(stylesheet, encoding="utf-8") as css:
        assert "@media print" in css.read()
    for session in sessions:
        assert session.title.encode() in page.content

    client.logout()
    verify = client.get(f"/events/verify/{code}/")
    assert verify.status_code == 200
    assert course.title.encode() in verify.content
