"""Who may open a real project's edit form (the URL matrix samples an id that is no project)."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, status, target",
    [
        ("anonymous", 302, "/accounts/login/"),
        ("unverified", 302, "/accounts/email/"),
        ("member", 403, ""),
        ("partner_manager", 403, ""),
        ("lead_manager", 200, ""),
        ("moderator", 200, ""),
        ("admin_user", 200, ""),
    ],
)
def test_edit_form(client, request, project, role, status, target):
    if role == "unverified":
        client.force_login(request.getfixturevalue("unverified_user"))
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("projects:edit", args=[project.pk]))
    assert response.status_code == status
    if target:
        assert response["Location"].startswith(target)


def test_a_moderator_edit_keeps_the_lead(client, project, moderator):
    """The lead is not among the moderator's initiatives but stays a valid choice."""
    client.force_login(moderator)
    form = client.get(reverse("projects:edit", args=[project.pk])).context["form"]
    assert list(form.fields["lead_initiative"].queryset) == [project.lead_initiative.specific]
