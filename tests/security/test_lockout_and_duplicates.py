"""The login lockout names the limit that tripped (this network address or this account), and
the duplicate warning of the initiative form shows nobody else's unpublished submissions."""

from decimal import Decimal

from django.urls import reverse

import pytest

from registry.models import InitiativePage
from registry.services import index_pages_ensure
from tests.accounts.helpers import LANGUAGES, assert_shows, is_logged_in, translated
from tests.factories.registry import InitiativePageFactory
from tests.registry.conftest import form_data

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT_MESSAGE = (
    "Too many failed login attempts for this account. For your security, signing in is "
    "paused for a few minutes: wait five minutes and try again, or reset your password."
)
ADDRESS_LIMIT_MESSAGE = (
    "Too many failed login attempts from your network address. For your security, signing in "
    "from this address is paused for a moment: wait a minute and try again."
)


def login(client, prefix, email, password):
    return client.post(f"{prefix}/accounts/login/", {"login": email, "password": password})


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_the_address_limit_blames_the_address_not_the_account(
    client, member, password, prefix, language
):
    # Ten failures from one address, each on a different account: no account reaches its own
    # limit of five, the address reaches its limit of ten a minute.
    for number in range(10):
        login(client, prefix, f"someone{number}@example.org", "not-the-password")
    response = login(client, prefix, member.email, password)
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert_shows(response, translated(language, ADDRESS_LIMIT_MESSAGE))
    assert translated(language, ACCOUNT_LIMIT_MESSAGE) not in response.content.decode()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_the_account_limit_still_blames_the_account(client, member, password, prefix, language):
    for _ in range(5):
        login(client, prefix, member.email, "not-the-password")
    response = login(client, prefix, member.email, password)
    assert not is_logged_in(client)
    assert_shows(response, translated(language, ACCOUNT_LIMIT_MESSAGE))
    assert translated(language, ADDRESS_LIMIT_MESSAGE) not in response.content.decode()


# --- Duplicate warning of the initiative form -------------------------------------------------


@pytest.fixture
def draft_of_another_member(client, home_page, other_member):
    """``other_member`` submits "Cali Coffee Cluster" through the public form: a draft waiting
    for the moderators, not published."""
    index_pages_ensure()
    client.force_login(other_member)
    assert client.post(reverse("registry:register"), form_data()).status_code == 302
    client.logout()
    draft = InitiativePage.objects.get(title="Cali Coffee Cluster")
    assert not draft.live
    return draft


def test_members_are_not_warned_about_another_members_draft(
    client, member, draft_of_another_member
):
    client.force_login(member)
    response = client.post(
        reverse("registry:register"), form_data(summary="Another coffee cluster.")
    )
    # No warning (which would name and link the unpublished submission): the form goes through.
    assert response.status_code == 302
    assert InitiativePage.objects.filter(title="Cali Coffee Cluster").count() == 2


def test_the_warning_lists_no_draft_next_to_a_live_duplicate(
    client, member, draft_of_another_member
):
    live = InitiativePageFactory(
        parent=draft_of_another_member.get_parent(),
        title="Cali Coffee Clusters",
        slug="cali-coffees",
        latitude=Decimal("3.455000"),
        longitude=Decimal("-76.530000"),
    )
    live.save_revision().publish()
    client.force_login(member)
    response = client.post(reverse("registry:register"), form_data())
    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{live.url}">Cali Coffee Clusters</a>' in content
    assert "not published yet" not in content


def test_moderators_are_warned_about_drafts_too(client, moderator, draft_of_another_member):
    client.force_login(moderator)
    response = client.post(reverse("registry:register"), form_data())
    assert response.status_code == 200
    assert "Is it already registered?" in response.content.decode()


def test_members_are_warned_about_their_own_draft(client, other_member, draft_of_another_member):
    client.force_login(other_member)
    response = client.post(reverse("registry:register"), form_data())
    assert response.status_code == 200
    assert "Is it already registered?" in response.content.decode()
