"""A verifier of a chamber of commerce signs in, sees the initiatives of their territory (and
not those outside it), confirms one; the initiative page shows "Verified by <organisation> on
<date>". Screenshots at 1280 and 360 px in docs/screenshots/verifier-*.png."""

from decimal import Decimal
from pathlib import Path

from django.test import Client

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
ORGANISATION = "Cámara de Comercio de Medellín para Antioquia"


@pytest.fixture
def territory():
    from registry.services import index_pages_ensure
    from tests.factories.registry import (
        InitiativePageFactory,
        PartnerOrganisationFactory,
        VerifierFactory,
    )

    index = index_pages_ensure()

    def publish(**kwargs):
        page = InitiativePageFactory(parent=index, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    software = publish(title="Medellín Software Cluster", slug="medellin-software")
    publish(title="Antioquia Fashion Cluster", slug="antioquia-fashion")
    publish(
        title="Jalisco Electronics Cluster",
        slug="jalisco-electronics",
        country="MX",
        region="Jalisco",
        city="Guadalajara",
        latitude=Decimal("20.6597"),
        longitude=Decimal("-103.3496"),
    )
    user = UserFactory(
        username="valeria", first_name="Valeria", last_name="Verificadora", groups=["Members"]
    )
    organisation = PartnerOrganisationFactory(name=ORGANISATION)
    VerifierFactory(user=user, organisation=organisation, countries=["CO"])
    return {"user": user, "software": software}


def log_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_verifier_confirms_an_initiative_of_their_territory(live_server, browser, territory, axe):
    from registry.models import InitiativeVerification

    base = live_server.url
    DOCS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base, territory["user"])

    # The territory: Colombia's initiatives, not Mexico's.
    page.goto(base + "/initiatives/verify/")
    expect(page.get_by_role("heading", name="Initiatives of my territory")).to_be_visible()
    expect(page.get_by_text("Medellín Software Cluster")).to_be_visible()
    expect(page.get_by_text("Antioquia Fashion Cluster")).to_be_visible()
    expect(page.get_by_text("Jalisco Electronics Cluster")).to_have_count(0)
    assert axe(page) == []
    page.screenshot(path=str(DOCS / "verifier-territory-1280.png"), full_page=True)

    # Confirm one, with a note.
    card = page.locator(f"#initiative-{territory['software'].pk}")
    card.get_by_label("Note (required to flag a problem)").fill("Visited their offices.")
    card.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Medellín Software Cluster is confirmed for")).to_be_visible()
    expect(card.get_by_text(f"Verified by {ORGANISATION} on")).to_be_visible()
    record = InitiativeVerification.objects.get()
    assert record.initiative_id == territory["software"].pk
    assert record.note == "Visited their offices."

    # The initiative's page shows it, to everyone.
    page.goto(base + "/initiatives/medellin-software/")
    expect(page.get_by_text(f"Verified by {ORGANISATION} on")).to_be_visible()
    expect(page.get_by_text("Last verified")).to_be_visible()
    page.screenshot(path=str(DOCS / "verifier-initiative-page-1280.png"), full_page=True)

    # On a phone, in Spanish.
    phone = browser.new_context(viewport=PHONE)
    mobile = phone.new_page()
    log_in(mobile, base, territory["user"])
    mobile.goto(base + "/es/initiatives/verify/")
    expect(mobile.get_by_role("heading", name="Iniciativas de mi territorio")).to_be_visible()
    assert no_horizontal_overflow(mobile)
    mobile.screenshot(path=str(DOCS / "verifier-territory-360-es.png"), full_page=True)
    mobile.goto(base + "/es/initiatives/medellin-software/")
    expect(mobile.get_by_text(f"Verificada por {ORGANISATION} el")).to_be_visible()
    assert no_horizontal_overflow(mobile)
    mobile.screenshot(path=str(DOCS / "verifier-initiative-page-360-es.png"), full_page=True)

    # Outside the territory: 403, nothing saved.
    client = Client()
    client.force_login(territory["user"])
    from registry.models import InitiativePage

    jalisco = InitiativePage.objects.get(slug="jalisco-electronics")
    response = client.post(f"/initiatives/verify/{jalisco.pk}/", {"action": "confirm"})
    assert response.status_code == 403
    assert InitiativeVerification.objects.count() == 1
    context.close()
    phone.close()
