from django.core import mail

import pytest

from support.models import State, SupportNote, SupportRequest
from tests.factories.support import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(manager, initiative, topic):
    return SupportRequestFactory(
        requester=manager,
        initiative=initiative,
        topic=topic,
        tags=["coffee"],
        consent_to_publish=True,
        title="Coffee value chain",
    )


def test_the_queue_lists_and_filters(client, moderator, item, manager, initiative):
    SupportRequestFactory(
        requester=manager, initiative=initiative, state=State.CLOSED, title="An old one"
    )
    client.force_login(moderator)
    html = client.get("/admin/support_requests/").content.decode()
    assert "Coffee value chain" in html and "An old one" in html
    assert f"/admin/support/triage/{item.pk}/" in html
    html = client.get("/admin/support_requests/?state=closed").content.decode()
    assert "An old one" in html and "Coffee value chain" not in html


def test_members_cannot_triage(client, member, item):
    client.force_login(member)
    response = client.get(f"/admin/support/triage/{item.pk}/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/support/figures/").status_code in (302, 403)


def test_staff_see_the_suggested_experts_with_the_reason(client, moderator, item, expert):
    client.force_login(moderator)
    html = client.get(f"/admin/support/triage/{item.pk}/").content.decode()
    assert "Eva Expert" in html
    assert "Works on: coffee" in html


def test_staff_assign_to_an_expert_add_a_note_and_publish(
    client, moderator, item, expert, manager, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    mail.outbox.clear()
    url = f"/admin/support/triage/{item.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "assign", "assignee": expert.pk, "due_date": "2030-01-31"}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.assignee == expert
    assert item.state == State.ASSIGNED
    assert str(item.due_date) == "2030-01-31"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, expert.email])

    client.post(url, {"action": "note", "text": "Eva did this in Huila."})
    assert SupportNote.objects.get(request=item).text == "Eva did this in Huila."

    # Not answered yet: publishing is refused and nothing changes.
    client.post(url, {"action": "publish"})
    item.refresh_from_db()
    assert not item.published

    item.answer = "Map it with the producers."
    item.save()
    client.post(url, {"action": "state", "state": "answered"})
    client.post(url, {"action": "publish"})
    item.refresh_from_db()
    assert item.state == State.ANSWERED
    assert item.published
    assert client.get(f"/support/answers/{item.pk}/").status_code == 200


def test_assigning_someone_outside_the_candidates_is_refused(client, moderator, item, make_user):
    stranger = make_user(username="stranger", groups=["Members"])
    client.force_login(moderator)
    client.post(f"/admin/support/triage/{item.pk}/", {"action": "assign", "assignee": stranger.pk})
    item.refresh_from_db()
    assert item.assignee is None
    assert item.state == State.NEW


def test_a_volunteer_can_be_assigned(client, moderator, item, member):
    from support.services import volunteer_offer

    volunteer_offer(support_request=item, user=member, message="Happy to help")
    client.force_login(moderator)
    html = client.get(f"/admin/support/triage/{item.pk}/").content.decode()
    assert "Happy to help" in html
    client.post(f"/admin/support/triage/{item.pk}/", {"action": "assign", "assignee": member.pk})
    assert SupportRequest.objects.get(pk=item.pk).assignee == member


def test_the_notes_stay_internal(client, moderator, item, manager):
    SupportNote.objects.create(request=item, author=moderator, text="Secret triage note")
    client.force_login(manager)
    assert "Secret triage note" not in client.get(f"/support/requests/{item.pk}/").content.decode()


def test_figures_page(client, moderator, item):
    client.force_login(moderator)
    html = client.get("/admin/support/figures/").content.decode()
    assert "Value chains" in html
    assert "Median time to first response" in html
