"""Registration, editing and the moderation cycle, through the public form and the Wagtail
admin's workflow actions."""

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from portal.moderation import ModerationState, comment_of, state_of
from registry.models import InitiativeManager, InitiativePage

from .conftest import form_data

pytestmark = pytest.mark.django_db


def register(client, user, **overrides):
    client.force_login(user)
    response = client.post(reverse("registry:register"), form_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return InitiativePage.objects.get(title=overrides.get("title", "Cali Coffee Cluster"))


def task_state(page):
    return WorkflowState.objects.for_instance(page).get(status="in_progress").current_task_state


def moderate(client, moderator, page, action, comment=""):
    client.force_login(moderator)
    state = task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302)
    return state


def test_register_creates_draft_in_moderation(client, member, index_page):
    page = register(client, member)
    assert not page.live
    assert page.get_parent().pk == index_page.pk
    assert page.source == "form"
    assert InitiativeManager.objects.filter(page=page, user=member).exists()
    # Rights of a cluster manager wait for approval (tests/security/test_submission_rights.py).
    assert not member.groups.filter(name="Cluster managers").exists()
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == "in_progress"
    assert state.workflow.name == "Registry moderation"
    assert state.requested_by == member
    latest = page.get_latest_revision_as_object()
    assert {tag.name for tag in latest.tags.all()} == {"coffee", "agro-industry"}
    assert latest.indicators.all()[0].year == 2024
    # Not public: the page 404s and the map and data leave it out.
    client.logout()
    assert client.get("/initiatives/cali-coffee-cluster/").status_code == 404
    assert "Cali Coffee Cluster" not in client.get(reverse("registry:csv")).content.decode()


def test_approve_publishes_and_emails(client, member, moderator, index_page):
    page = register(client, member)
    mail.outbox.clear()
    moderate(client, moderator, page, "approve", "Welcome!")
    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.for_instance(page).get().status == "approved"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Cali Coffee Cluster" in message.subject
    client.logout()
    response = client.get("/initiatives/cali-coffee-cluster/")
    assert response.status_code == 200
    assert "Cali Coffee Cluster" in client.get("/initiatives/").content.decode()
    assert str(page.pk) in client.get(reverse("registry:map_geojson")).content.decode()


def test_reject_keeps_private_and_emails_comment(client, member, moderator, index_page):
    page = register(client, member)
    mail.outbox.clear()
    moderate(client, moderator, page, "reject", "Please add the exact address.")
    page.refresh_from_db()
    assert not page.live
    assert WorkflowState.objects.for_instance(page).get().status == "needs_changes"
    assert len(mail.outbox) == 1
    assert "Please add the exact address." in mail.outbox[0].body
    assert mail.outbox[0].to == [member.email]
    # The dashboard shows the rejection with its comment.
    client.force_login(member)
    from registry.wagtail_hooks import _dashboard_context

    request = client.get("/").wsgi_request
    request.user = member
    context = _dashboard_context(request)
    (mine,) = context["initiatives"]
    assert state_of(mine) == ModerationState.CHANGES_REQUESTED
    assert comment_of(mine) == "Please add the exact address."
    # Editing and sending again starts a new moderation.
    response = client.post(reverse("registry:edit", args=[page.pk]), form_data(city="Palmira"))
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(page).filter(status="in_progress").count() == 1


def test_edit_of_live_page_waits_for_approval(client, manager_a, moderator, initiative_a):
    client.force_login(manager_a)
    response = client.post(
        reverse("registry:edit", args=[initiative_a.pk]),
        form_data(title="Alpha Cluster", summary="New summary", tags="software, energy"),
    )
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.summary == "A cluster initiative."
    public = client.get(initiative_a.url).content.decode()
    assert "New summary" not in public
    assert initiative_a.get_latest_revision_as_object().summary == "New summary"
    moderate(client, moderator, initiative_a, "approve")
    initiative_a.refresh_from_db()
    assert initiative_a.summary == "New summary"
    assert {tag.name for tag in initiative_a.tags.all()} == {"software", "energy"}


def test_edit_form_shows_pending_changes(client, manager_a, initiative_a):
    client.force_login(manager_a)
    client.post(
        reverse("registry:edit", args=[initiative_a.pk]),
        form_data(title="Alpha Cluster", summary="Pending summary"),
    )
    response = client.get(reverse("registry:edit", args=[initiative_a.pk]))
    assert "Pending summary" in response.content.decode()


def test_second_edit_replaces_pending_submission(client, manager_a, initiative_a):
    client.force_login(manager_a)
    url = reverse("registry:edit", args=[initiative_a.pk])
    client.post(url, form_data(title="Alpha Cluster", summary="One"))
    client.post(url, form_data(title="Alpha Cluster", summary="Two"))
    states = WorkflowState.objects.for_instance(initiative_a)
    assert states.filter(status="in_progress").count() == 1
    assert states.filter(status="cancelled").count() == 1


def test_duplicate_same_name_same_country(client, member, make_initiative):
    make_initiative(title="Cali Coffee Cluster", slug="cali-coffee", country="CO")
    client.force_login(member)
    response = client.post(reverse("registry:register"), form_data())
    assert response.status_code == 200
    assert "Is it already registered?" in response.content.decode()
    assert InitiativePage.objects.filter(title="Cali Coffee Cluster").count() == 1
    response = client.post(reverse("registry:register"), form_data(confirm_duplicate="on"))
    assert response.status_code == 302
    assert InitiativePage.objects.filter(title="Cali Coffee Cluster").count() == 2


def test_duplicate_nearby_similar_name(client, member, make_initiative):
    from decimal import Decimal

    make_initiative(
        title="Cali Coffee Clusters",
        slug="cali-coffees",
        country="CO",
        latitude=Decimal("3.455000"),
        longitude=Decimal("-76.530000"),
    )
    client.force_login(member)
    response = client.post(reverse("registry:register"), form_data())
    assert response.status_code == 200
    assert "Cali Coffee Clusters" in response.content.decode()


def test_no_duplicate_far_away(client, member, make_initiative):
    from decimal import Decimal

    make_initiative(
        title="Cali Coffee Clusters",
        slug="cali-coffees",
        country="EC",
        latitude=Decimal("-2.1"),
        longitude=Decimal("-79.9"),
    )
    client.force_login(member)
    assert client.post(reverse("registry:register"), form_data()).status_code == 302


def test_invalid_form_changes_nothing(client, member, index_page):
    client.force_login(member)
    before = InitiativePage.objects.count()
    response = client.post(
        reverse("registry:register"), form_data(latitude="123", country="XX", sectors=["ZZ"])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ensure this value is less than or equal to 90" in body
    assert "Select a valid choice" in body
    assert InitiativePage.objects.count() == before


def test_register_in_spanish_uses_spanish_messages(client, member, index_page):
    client.force_login(member)
    response = client.post("/es/initiatives/register/", form_data(longitude=""))
    assert response.status_code == 200
    assert "Indique la latitud y la longitud, o ninguna de las dos." in response.content.decode()


def test_an_initiative_registered_from_spanish_is_spanish_content(
    client, member, moderator, index_page
):
    """Issue 10: content is in the language it was written in. Sent from /es/, the initiative
    is a page of the Spanish registry; once approved it says so in every language, and the
    English address serves it as a fallback with the translated notice."""
    from wagtail.models import Locale

    from portal.site_structure import site_structure_ensure_locale

    spanish = Locale.objects.get_or_create(language_code="es")[0]
    site_structure_ensure_locale(spanish)
    client.force_login(member)
    response = client.post("/es/initiatives/register/", form_data())
    assert response.status_code == 302, response.content.decode()[:1000]
    page = InitiativePage.objects.get(title="Cali Coffee Cluster")
    assert page.locale == spanish
    assert page.get_parent().locale == spanish
    moderate(client, moderator, page, "approve")
    client.logout()
    spanish_page = client.get("/es/initiatives/cali-coffee-cluster/").content.decode()
    assert "Escrita en español." in spanish_page
    english_page = client.get("/initiatives/cali-coffee-cluster/")
    assert english_page.status_code == 200
    body = english_page.content.decode()
    assert "This page is not yet available in English. Written in Spanish." in body
    assert 'lang="es"' in body
