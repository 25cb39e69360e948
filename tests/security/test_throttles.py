"""Per-account and per-address limits on public submissions (portal/throttles.py): past the
limit the submission is refused with a translated message, status 429, and nothing is saved."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from events.models import EventRegistration
from knowledge.models import PracticePage
from portal.site_structure import site_structure_ensure
from registry.models import InitiativeClaim, InitiativeIndexPage, InitiativePage
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.knowledge import PracticeIndexPageFactory
from tests.factories.registry import InitiativePageFactory
from tests.knowledge.conftest import VALID_PRACTICE
from tests.registry.conftest import form_data

pytestmark = pytest.mark.django_db

REFUSED = "You have sent too many submissions of this kind for now"
REFUSED_ES = "Ha enviado demasiadas solicitudes de este tipo por ahora"
REFUSED_PT = "Você fez envios demais deste tipo por enquanto"


@pytest.fixture
def limits(settings):
    """Small limits: two per account and three per address for every action."""
    settings.PORTAL_RATE_LIMITS = dict.fromkeys(
        ["initiative_register", "initiative_claim", "practice_submit", "event_register"],
        "2/1d/user,3/1d/ip",
    )


def register(client, n, *, prefix=""):
    data = form_data(title=f"Textile Network {n}", confirm_duplicate="on")
    return client.post(f"{prefix}/initiatives/register/", data)


def test_every_action_has_a_limit_per_account_and_per_address(settings):
    for action in ["initiative_register", "initiative_claim", "practice_submit"]:
        rates = settings.PORTAL_RATE_LIMITS[action]
        assert "/user" in rates
        assert "/ip" in rates


def test_registration_past_the_account_limit_is_refused(client, home_page, member, limits):
    site_structure_ensure()
    client.force_login(member)
    assert [register(client, n).status_code for n in (1, 2)] == [302, 302]
    response = register(client, 3)
    assert response.status_code == 429
    assert REFUSED in response.content.decode()
    assert InitiativePage.objects.filter(title__startswith="Textile Network").count() == 2
    assert not InitiativePage.objects.filter(title="Textile Network 3").exists()


@pytest.mark.parametrize(("prefix", "message"), [("/es", REFUSED_ES), ("/pt", REFUSED_PT)])
def test_refusal_is_translated(client, home_page, member, limits, prefix, message):
    site_structure_ensure()
    client.force_login(member)
    register(client, 1, prefix=prefix)
    register(client, 2, prefix=prefix)
    response = register(client, 3, prefix=prefix)
    assert response.status_code == 429
    assert message in response.content.decode()


def test_registration_past_the_address_limit_is_refused(client, home_page, make_user, limits):
    site_structure_ensure()
    users = [make_user(username=f"member{n}", groups=["Members"]) for n in range(3)]
    statuses = []
    for n, user in enumerate([users[0], users[0], users[1], users[2]]):
        client.force_login(user)
        statuses.append(register(client, n).status_code)
    # The fourth from the same address is refused although its account has filed none.
    assert statuses == [302, 302, 302, 429]
    assert InitiativePage.objects.filter(title__startswith="Textile Network").count() == 3


def test_another_address_still_has_its_allowance(client, home_page, make_user, limits):
    site_structure_ensure()
    users = [make_user(username=f"member{n}", groups=["Members"]) for n in range(3)]
    for n, user in enumerate([users[0], users[0], users[1]]):
        client.force_login(user)
        register(client, n)
    client.force_login(users[2])
    data = form_data(title="Textile Network 9", confirm_duplicate="on")
    response = client.post(reverse("registry:register"), data, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_invalid_forms_are_not_counted(client, home_page, member, limits):
    site_structure_ensure()
    client.force_login(member)
    for _ in range(3):
        assert client.post(reverse("registry:register"), {"title": ""}).status_code == 200
    assert register(client, 1).status_code == 302


def test_claims_past_the_limit_are_refused(client, home_page, member, limits):
    site_structure_ensure()
    parent = InitiativeIndexPage.objects.get(locale__language_code="en")
    orphans = []
    for n in range(3):
        page = InitiativePageFactory(parent=parent, slug=f"orphan-{n}", source="import")
        page.save_revision().publish()
        orphans.append(page)
    client.force_login(member)
    statuses = [
        client.post(reverse("registry:claim", args=[page.pk]), {"message": "I run it."}).status_code
        for page in orphans
    ]
    assert statuses == [302, 302, 429]
    assert InitiativeClaim.objects.filter(user=member).count() == 2
    response = client.post(f"/es/initiatives/{orphans[2].pk}/claim/", {"message": "I run it."})
    assert response.status_code == 429
    assert REFUSED_ES in response.content.decode()


def test_practices_past_the_limit_are_refused(client, home_page, make_user, limits):
    PracticeIndexPageFactory(parent=home_page)
    author = make_user(username="manager", groups=["Members", "Cluster managers"])
    client.force_login(author)
    statuses = [
        client.post(
            reverse("knowledge:practice_new"), {**VALID_PRACTICE, "title": f"Dryers {n}"}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert PracticePage.objects.filter(title__startswith="Dryers").count() == 2
    response = client.post("/es/practices/new/", {**VALID_PRACTICE, "title": "Dryers 9"})
    assert response.status_code == 429
    assert REFUSED_ES in response.content.decode()


def test_event_registrations_past_the_limit_are_refused(client, home_page, member, limits):
    index = EventIndexPageFactory(parent=home_page)
    start = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    events = [
        EventPageFactory(
            parent=index, slug=f"event-{n}", start=start, end=start + datetime.timedelta(hours=1)
        )
        for n in range(3)
    ]
    client.force_login(member)
    for event in events[:2]:
        client.post(event.url + "register/")
    response = client.post(events[2].url + "register/", follow=True)
    assert REFUSED in response.content.decode()
    assert EventRegistration.objects.filter(user=member).count() == 2


def test_get_requests_are_never_counted(rf, member, limits):
    from portal.throttles import throttle_consume

    request = rf.get("/initiatives/register/")
    request.user = member
    assert all(throttle_consume(request, action="initiative_register") for _ in range(2))
    request = rf.post("/initiatives/register/")
    request.user = member
    assert [throttle_consume(request, action="initiative_register") for _ in range(3)] == [
        True,
        True,
        False,
    ]
