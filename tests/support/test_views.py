from django.core import mail

import pytest

from support.models import State, SupportEvent, SupportRequest
from tests.factories.support import SupportRequestFactory
from tests.support.conftest import ask_data

pytestmark = pytest.mark.django_db


def test_a_manager_asks_for_support(client, manager, initiative, topic):
    client.force_login(manager)
    response = client.post("/support/ask/", ask_data(initiative, topic=topic.pk), follow=False)
    item = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/support/requests/{item.pk}/"
    assert item.requester == manager
    assert item.initiative_id == initiative.pk
    assert item.topic_id == topic.pk
    assert item.state == State.NEW
    assert item.consent_to_publish
    assert sorted(t.name for t in item.tags.all()) == ["coffee", "value chains"]
    assert SupportEvent.objects.filter(request=item, to_state=State.NEW).count() == 1
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Mapping the coffee value chain" in page.content.decode()


def test_a_request_on_an_initiative_you_do_not_manage_is_refused(
    client, manager, initiative, foreign_initiative
):
    client.force_login(manager)
    response = client.post("/support/ask/", ask_data(foreign_initiative))
    assert response.status_code == 400
    assert "You do not manage this initiative" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_refusal_is_translated(client, manager, initiative, foreign_initiative):
    client.force_login(manager)
    response = client.post("/es/support/ask/", ask_data(foreign_initiative))
    assert response.status_code == 400
    assert "No gestiona esta iniciativa" in response.content.decode()
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "This field is required."),
        ("description", "help", "20 characters at least"),
        ("need", "magic", "Select a valid choice"),
        ("urgency", "", "This field is required."),
    ],
)
def test_bad_input_saves_nothing(client, manager, initiative, field, value, message):
    client.force_login(manager)
    response = client.post("/support/ask/", ask_data(initiative, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_member_who_manages_nothing_is_told_why(client, member):
    client.force_login(member)
    response = client.get("/support/ask/")
    assert response.status_code == 200
    assert "You do not manage an initiative yet" in response.content.decode()


def test_unverified_accounts_are_sent_to_confirm_their_address(client, unverified_user):
    client.force_login(unverified_user)
    response = client.get("/support/ask/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/email/")


def test_asking_is_rate_limited(client, manager, initiative, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "support_request": "2/1d/user"}
    client.force_login(manager)
    statuses = [
        client.post("/support/ask/", ask_data(initiative, title=f"Question {n}")).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert SupportRequest.objects.count() == 2


@pytest.fixture
def request_of(manager, initiative):
    return SupportRequestFactory(requester=manager, initiative=initiative, title="Private ask")


@pytest.mark.parametrize(
    ("who", "status"),
    [("requester", 200), ("assignee", 200), ("staff", 200), ("other", 404), ("anonymous", 302)],
)
def test_who_may_read_a_request(client, request_of, make_user, moderator, who, status):
    assignee = make_user(username="helper", groups=["Members"])
    request_of.assignee = assignee
    request_of.save()
    users = {
        "requester": request_of.requester,
        "assignee": assignee,
        "staff": moderator,
        "other": make_user(username="nosy", groups=["Members"]),
    }
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(f"/support/requests/{request_of.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Private ask" in response.content.decode()


def test_the_assignee_answers_and_the_requester_is_emailed_in_their_language(
    client, request_of, make_user, django_capture_on_commit_callbacks
):
    request_of.requester.preferred_language = "es"
    request_of.requester.save()
    helper = make_user(username="helper", groups=["Members"])
    request_of.assignee = helper
    request_of.state = State.ASSIGNED
    request_of.save()
    client.force_login(helper)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/support/requests/{request_of.pk}/answer/", {"answer": "Try participatory mapping."}
        )
    assert response.status_code == 302
    request_of.refresh_from_db()
    assert request_of.state == State.ANSWERED
    assert request_of.answer == "Try participatory mapping."
    assert request_of.answered_by == helper
    assert request_of.answered_at is not None
    assert [m.to for m in mail.outbox] == [[request_of.requester.email]]
    assert "Su solicitud de apoyo" in mail.outbox[0].subject
    assert "Respondida" in mail.outbox[0].body
    assert "/es/support/requests/" in mail.outbox[0].body


def test_someone_else_cannot_answer(client, request_of, make_user):
    other = make_user(username="nosy", groups=["Members"])
    client.force_login(other)
    response = client.post(f"/support/requests/{request_of.pk}/answer/", {"answer": "Me!"})
    assert response.status_code == 404
    # The requester may read but not answer their own request.
    client.force_login(request_of.requester)
    client.post(f"/support/requests/{request_of.pk}/answer/", {"answer": "Me!"})
    request_of.refresh_from_db()
    assert request_of.answer == ""
    assert request_of.state == State.NEW


def test_an_empty_answer_saves_nothing(client, request_of, make_user):
    helper = make_user(username="helper", groups=["Members"])
    request_of.assignee = helper
    request_of.save()
    client.force_login(helper)
    response = client.post(
        f"/support/requests/{request_of.pk}/answer/", {"answer": "  "}, follow=True
    )
    assert "Please write an answer" in response.content.decode()
    request_of.refresh_from_db()
    assert request_of.answer == ""
    assert request_of.state == State.NEW


def test_the_assignee_starts_work(
    client, request_of, make_user, django_capture_on_commit_callbacks
):
    helper = make_user(username="helper", groups=["Members"])
    request_of.assignee = helper
    request_of.state = State.ASSIGNED
    request_of.save()
    client.force_login(helper)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/support/requests/{request_of.pk}/start/")
    request_of.refresh_from_db()
    assert request_of.state == State.IN_PROGRESS
    assert len(mail.outbox) == 1
