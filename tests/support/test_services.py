import datetime

from django.core import mail
from django.utils import timezone

import pytest

from support import services
from support.models import State, SupportEvent, SupportRequest, Volunteer
from support.services import SupportError
from tests.factories.support import SupportRequestFactory, published_answer

pytestmark = pytest.mark.django_db


def _create(manager, initiative, **kwargs):
    return services.support_request_create(
        requester=manager,
        initiative=initiative,
        need="data",
        title="Export data",
        description="Where can we find export data by region?",
        **kwargs,
    )


def test_create_refuses_an_initiative_the_requester_does_not_manage(manager, foreign_initiative):
    with pytest.raises(SupportError, match="You do not manage this initiative"):
        _create(manager, foreign_initiative)
    assert not SupportRequest.objects.exists()
    assert not SupportEvent.objects.exists()


def test_every_state_change_is_recorded_and_emailed(
    manager, initiative, moderator, make_user, django_capture_on_commit_callbacks
):
    item = _create(manager, initiative, tags=["exports"])
    helper = make_user(username="helper", groups=["Members"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.support_request_assign(support_request=item, assignee=helper, actor=moderator)
        services.support_request_start(support_request=item, user=helper)
        services.support_request_answer(support_request=item, user=helper, answer="See the portal.")
        services.support_request_set_state(
            support_request=item, state=State.CLOSED, actor=moderator
        )
    steps = list(
        SupportEvent.objects.filter(request=item).values_list("from_state", "to_state", "actor")
    )
    assert steps == [
        ("", "new", manager.pk),
        ("new", "assigned", moderator.pk),
        ("assigned", "in_progress", helper.pk),
        ("in_progress", "answered", helper.pk),
        ("answered", "closed", moderator.pk),
    ]
    to_requester = [m for m in mail.outbox if m.to == [manager.email]]
    to_helper = [m for m in mail.outbox if m.to == [helper.email]]
    assert len(to_requester) == 4  # assigned, in progress, answered, closed
    assert len(to_helper) == 1  # the assignment
    assert "See the portal." in to_requester[2].body
    item.refresh_from_db()
    assert item.first_response_at is not None
    assert item.answered_at is not None
    assert item.closed_at is not None
    assert item.created_at <= item.first_response_at <= item.closed_at


def test_reopening_clears_the_closing_time(manager, initiative, moderator):
    item = _create(manager, initiative)
    services.support_request_set_state(support_request=item, state=State.CLOSED, actor=moderator)
    services.support_request_set_state(
        support_request=item, state=State.IN_PROGRESS, actor=moderator
    )
    item.refresh_from_db()
    assert item.closed_at is None
    assert item.state == State.IN_PROGRESS


def test_setting_the_same_state_sends_nothing(
    manager, initiative, moderator, django_capture_on_commit_callbacks
):
    item = _create(manager, initiative)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.support_request_set_state(support_request=item, state=State.NEW, actor=moderator)
    assert callbacks == []
    assert mail.outbox == []
    assert SupportEvent.objects.filter(request=item).count() == 1


def test_the_requester_cannot_be_the_assignee(manager, initiative, moderator):
    item = _create(manager, initiative)
    with pytest.raises(SupportError):
        services.support_request_assign(support_request=item, assignee=manager, actor=moderator)
    item.refresh_from_db()
    assert item.assignee is None
    assert item.state == State.NEW


def test_publication_needs_consent_and_an_answer(manager, initiative):
    item = SupportRequestFactory(requester=manager, initiative=initiative, state=State.ANSWERED)
    item.answer = "An answer."
    item.save()
    with pytest.raises(SupportError):
        services.support_request_publish(support_request=item)
    item.consent_to_publish = True
    item.save()
    services.support_request_publish(support_request=item)
    assert SupportRequest.objects.published().get() == item
    services.support_request_publish(support_request=item, publish=False)
    assert not SupportRequest.objects.published().exists()


def test_volunteering(manager, initiative, member):
    item = SupportRequestFactory(requester=manager, initiative=initiative)
    services.volunteer_offer(support_request=item, user=member, message="I know this.")
    with pytest.raises(SupportError, match="already volunteered"):
        services.volunteer_offer(support_request=item, user=member)
    with pytest.raises(SupportError, match="your own request"):
        services.volunteer_offer(support_request=item, user=manager)
    item.state = State.CLOSED
    item.save()
    other = SupportRequestFactory(requester=manager, initiative=initiative, state=State.CLOSED)
    with pytest.raises(SupportError, match="no longer needs"):
        services.volunteer_offer(support_request=other, user=member)
    assert Volunteer.objects.filter(user=member).count() == 1


def test_deleting_an_account_keeps_only_its_published_answers(manager, initiative):
    private = SupportRequestFactory(requester=manager, initiative=initiative)
    public = published_answer(requester=manager, initiative=initiative)
    manager.delete()
    assert not SupportRequest.objects.filter(pk=private.pk).exists()
    public.refresh_from_db()
    assert public.requester is None
    assert SupportRequest.objects.published().get() == public


def test_figures_give_medians_by_topic(manager, initiative, topic):
    now = timezone.now()
    hours = [2, 4, 10]
    for n, h in enumerate(hours):
        item = SupportRequestFactory(requester=manager, initiative=initiative, topic=topic)
        SupportRequest.objects.filter(pk=item.pk).update(
            created_at=now - datetime.timedelta(hours=100),
            first_response_at=now - datetime.timedelta(hours=100 - h),
            state=State.CLOSED if n == 0 else State.ASSIGNED,
            closed_at=now - datetime.timedelta(hours=50) if n == 0 else None,
        )
    SupportRequestFactory(requester=manager, initiative=initiative)  # new, no topic
    from support.selectors import figures

    data = figures()
    assert data["overall"] == {
        "open": 3,
        "total": 4,
        "first_response_hours": 4.0,
        "close_hours": 50.0,
    }
    rows = {row["topic"]: row for row in data["by_topic"]}
    assert rows["Value chains"]["open"] == 2
    assert rows["Value chains"]["first_response_hours"] == 4.0
    assert rows[""]["first_response_hours"] is None
