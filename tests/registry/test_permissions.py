"""Who may do what, on every registry URL: anonymous, unverified, member, manager of A,
manager of B, moderator; and crafted POSTs."""

from django.urls import reverse

import pytest

from registry.models import (
    InitiativeClaim,
    InitiativeManager,
    InitiativePage,
    ManagerInvitation,
)

from .conftest import form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "member", "manager_a", "manager_b", "moderator"]


@pytest.fixture
def actors(unverified_user, member, manager_a, manager_b, moderator):
    return {
        "anonymous": None,
        "unverified": unverified_user,
        "member": member,
        "manager_a": manager_a,
        "manager_b": manager_b,
        "moderator": moderator,
    }


def as_(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def is_login_redirect(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def is_email_redirect(response):
    return response.status_code == 302 and "/accounts/email/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_public_views_open_to_everyone(client, actors, role, initiative_a):
    as_(client, actors[role])
    for url in [
        "/initiatives/",
        initiative_a.url,
        reverse("registry:map_geojson"),
        reverse("registry:geojson"),
        reverse("registry:csv"),
        reverse("registry:json"),
        reverse("registry:popup", args=[initiative_a.pk]),
    ]:
        assert client.get(url).status_code == 200, url


EXPECTED_EDIT = {
    "anonymous": "login",
    "unverified": "email",
    "member": 403,
    "manager_a": 200,
    "manager_b": 403,
    "moderator": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_edit_and_managers_pages(client, actors, role, initiative_a, initiative_b):
    as_(client, actors[role])
    for name in ("registry:edit", "registry:managers"):
        response = client.get(reverse(name, args=[initiative_a.pk]))
        expected = EXPECTED_EDIT[role]
        if expected == "login":
            assert is_login_redirect(response)
        elif expected == "email":
            assert is_email_redirect(response)
        else:
            assert response.status_code == expected, (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_edit_post(client, actors, role, initiative_a, initiative_b):
    as_(client, actors[role])
    response = client.post(
        reverse("registry:edit", args=[initiative_a.pk]),
        form_data(title="Alpha Cluster", summary=f"Changed by {role}"),
    )
    initiative_a.refresh_from_db()
    changed = initiative_a.get_latest_revision_as_object().summary == f"Changed by {role}"
    assert changed == (EXPECTED_EDIT[role] == 200)
    if EXPECTED_EDIT[role] == 403:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_register(client, actors, role, index_page):
    as_(client, actors[role])
    get = client.get(reverse("registry:register"))
    post = client.post(reverse("registry:register"), form_data(title=f"New by {role}"))
    created = InitiativePage.objects.filter(title=f"New by {role}").exists()
    if role == "anonymous":
        assert is_login_redirect(get) and is_login_redirect(post) and not created
    elif role == "unverified":
        assert is_email_redirect(get) and is_email_redirect(post) and not created
    else:
        assert get.status_code == 200 and created


@pytest.mark.parametrize("role", ROLES)
def test_invite(client, actors, role, initiative_a, mailoutbox):
    as_(client, actors[role])
    client.post(reverse("registry:managers", args=[initiative_a.pk]), {"email": "new@example.org"})
    invited = ManagerInvitation.objects.filter(page=initiative_a, email="new@example.org").exists()
    assert invited == (EXPECTED_EDIT[role] == 200)
    assert bool(mailoutbox) == invited


@pytest.mark.parametrize("role", ROLES)
def test_remove_manager(client, actors, role, initiative_a, make_user):
    co = make_user(username="co_manager")
    InitiativeManager.objects.create(page=initiative_a, user=co)
    as_(client, actors[role])
    url = reverse("registry:remove_manager", args=[initiative_a.pk, co.pk])
    assert client.get(url).status_code in (302, 405)  # never by GET
    client.post(url)
    removed = not InitiativeManager.objects.filter(page=initiative_a, user=co).exists()
    assert removed == (EXPECTED_EDIT[role] == 200)


def test_last_manager_cannot_leave(client, manager_a, initiative_a):
    as_(client, manager_a)
    client.post(reverse("registry:remove_manager", args=[initiative_a.pk, manager_a.pk]))
    assert InitiativeManager.objects.filter(page=initiative_a, user=manager_a).exists()


def test_invitation_accept_needs_matching_verified_email(
    client, manager_a, member, make_user, initiative_a
):
    as_(client, manager_a)
    client.post(
        reverse("registry:managers", args=[initiative_a.pk]), {"email": "Invited@Example.org"}
    )
    invitation = ManagerInvitation.objects.get()
    url = reverse("registry:accept_invitation", args=[invitation.token])
    # Someone else cannot use the link.
    as_(client, member)
    client.post(url)
    assert not InitiativeManager.objects.filter(page=initiative_a, user=member).exists()
    # An unverified account with the address cannot either.
    unverified = make_user(
        username="invited_unverified", email="invited@example.org", verified=False
    )
    as_(client, unverified)
    assert is_email_redirect(client.post(url))
    unverified.delete()
    invited = make_user(username="invited", email="invited@example.org")
    as_(client, invited)
    assert client.post(url).status_code == 302
    assert InitiativeManager.objects.filter(page=initiative_a, user=invited).exists()
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    # A used invitation cannot be used again.
    InitiativeManager.objects.filter(user=invited).delete()
    client.post(url)
    assert not InitiativeManager.objects.filter(page=initiative_a, user=invited).exists()


@pytest.mark.parametrize("role", ROLES)
def test_claim(client, actors, role, orphan, initiative_a):
    as_(client, actors[role])
    response = client.post(reverse("registry:claim", args=[orphan.pk]), {"message": "I run it."})
    claimed = InitiativeClaim.objects.filter(page=orphan).exists()
    if role == "anonymous":
        assert is_login_redirect(response)
    elif role == "unverified":
        assert is_email_redirect(response)
    assert claimed == (role not in ("anonymous", "unverified"))
    # An initiative with a manager cannot be claimed.
    client.post(reverse("registry:claim", args=[initiative_a.pk]), {"message": "Mine"})
    assert not InitiativeClaim.objects.filter(page=initiative_a).exists()


@pytest.mark.parametrize("role", ROLES)
def test_claim_approval_in_admin(client, actors, role, orphan, member, mailoutbox):
    claim = InitiativeClaim.objects.create(page=orphan, user=member, message="I run it.")
    as_(client, actors[role])
    listing = client.get(reverse("registry_admin:claims"))
    client.post(
        reverse("registry_admin:claim_decide", args=[claim.pk, "approve"]), {"comment": "OK"}
    )
    claim.refresh_from_db()
    if role == "moderator":
        assert listing.status_code == 200
        assert claim.state == "approved"
        assert InitiativeManager.objects.filter(page=orphan, user=member).exists()
        assert mailoutbox[-1].to == [member.email]
        assert "OK" in mailoutbox[-1].body
    else:
        assert listing.status_code in (302, 403)
        assert claim.state == "pending"


def test_claim_rejection(client, moderator, orphan, member, mailoutbox):
    claim = InitiativeClaim.objects.create(page=orphan, user=member, message="I run it.")
    as_(client, moderator)
    client.post(
        reverse("registry_admin:claim_decide", args=[claim.pk, "reject"]), {"comment": "Who?"}
    )
    claim.refresh_from_db()
    assert claim.state == "rejected"
    assert not InitiativeManager.objects.filter(page=orphan).exists()
    assert "Who?" in mailoutbox[-1].body


@pytest.mark.parametrize("role", ROLES)
def test_workflow_approval_only_by_moderators(client, actors, role, member, index_page):
    from wagtail.models import WorkflowState

    as_(client, member)
    client.post(reverse("registry:register"), form_data(title="Needs approval"))
    page = InitiativePage.objects.get(title="Needs approval")
    state = WorkflowState.objects.for_instance(page).get().current_task_state
    as_(client, actors[role])
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
        {"comment": ""},
    )
    page.refresh_from_db()
    assert page.live == (role == "moderator")


def test_crafted_post_cannot_set_unoffered_fields(client, manager_a, initiative_a, member):
    as_(client, manager_a)
    client.post(
        reverse("registry:edit", args=[initiative_a.pk]),
        form_data(
            title="Alpha Cluster",
            live="on",
            source="import",
            quality_label="gold",
            owner=str(member.pk),
            managers=[str(member.pk)],
            external_id="hijack",
            slug="register",
            locale="2",
            data_licence="none",
        ),
    )
    initiative_a.refresh_from_db()
    draft = initiative_a.get_latest_revision_as_object()
    assert draft.summary == "Coffee growers and roasters of Cali."
    assert draft.quality_label == ""
    assert draft.external_id == ""
    assert draft.slug == "alpha-cluster"
    assert draft.data_licence == ""
    assert draft.source != "import"
    assert not InitiativeManager.objects.filter(page=initiative_a, user=member).exists()


def test_crafted_post_on_register_cannot_publish(client, member, index_page):
    as_(client, member)
    client.post(
        reverse("registry:register"),
        form_data(title="Sneaky", live="on", source="import", quality_label="gold"),
    )
    page = InitiativePage.objects.get(title="Sneaky")
    assert not page.live
    assert page.source == "form"
    assert page.quality_label == ""


def test_manager_of_b_cannot_touch_a_by_crafted_ids(client, manager_b, initiative_a, initiative_b):
    as_(client, manager_b)
    # Removing A's manager through B's URL does not work either.
    url = reverse(
        "registry:remove_manager", args=[initiative_b.pk, initiative_a.manager_links.get().user_id]
    )
    assert client.post(url).status_code == 404
    assert initiative_a.manager_links.exists()


def test_admin_import_and_export_only_for_moderators(client, member, moderator):
    as_(client, member)
    assert client.get(reverse("registry_admin:import")).status_code in (302, 403)
    assert client.get(reverse("registry_admin:export")).status_code in (302, 403)
    as_(client, moderator)
    assert client.get(reverse("registry_admin:import")).status_code == 200
    assert client.get(reverse("registry_admin:export")).status_code == 200
