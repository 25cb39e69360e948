from django.urls import reverse

import pytest

from community.dashboard import profile_completeness
from community.models import ContactRequest

pytestmark = pytest.mark.django_db


def test_dashboard_needs_login(client):
    response = client.get(reverse("community:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_dashboard_sections(client, make_profile):
    me = make_profile(
        "yo",
        display_name="Yolanda",
        expertise=["coffee", "logistics"],
        seeking=["export promotion"],
        country="CO",
    )
    make_profile(
        "socia", display_name="Sofía Socia", expertise=["coffee"], offering=["export promotion"]
    )
    sender = make_profile("remitente", display_name="Rafael Remitente")
    ContactRequest.objects.create(
        sender=sender.user, recipient=me.user, subject="Propuesta de alianza", message="m"
    )
    client.force_login(me.user)
    html = client.get(reverse("community:dashboard")).content.decode()
    # In order: profile completeness, suggestions, inbox, follows.
    positions = [
        html.index(marker)
        for marker in (
            'id="dashboard-profile"',
            'id="dashboard-suggestions"',
            'id="dashboard-inbox"',
            'id="dashboard-following"',
        )
    ]
    assert positions == sorted(positions)
    assert "complete" in html
    assert "Sofía Socia" in html
    assert "You both work on: coffee" in html
    assert "They offer what you seek: export promotion" in html
    assert "Propuesta de alianza" in html and "Rafael Remitente" in html


def test_profile_completeness(make_profile):
    empty = make_profile("vacio")
    percent, missing = profile_completeness(empty)
    assert percent == 0 and len(missing) == 8
    full = make_profile(
        "lleno",
        organization="Universidad Nacional",
        role="Investigadora",
        country="CO",
        city="Bogotá",
        bio="Investigo clústeres y cadenas de valor en América Latina desde hace diez años.",
        languages="es en",
        expertise=["innovation"],
        seeking=["partners"],
        offering=["research"],
    )
    percent, missing = profile_completeness(full)
    assert percent == 88 and len(missing) == 1  # only the photo is missing
