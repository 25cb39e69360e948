"""A thread and all its replies are read once and kept until the next write to public content
(``discussions.selectors.thread_get``, ``portal.page_cache.fragment``). Each test stores the
copy with a first GET, changes what the page shows, and expects the change in the next GET;
who sees which reply is still decided per visitor, never by the kept copy."""

from django.urls import reverse

import pytest

from discussions.models import Status
from discussions.services import reply_moderate
from tests.factories.discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settings_row():
    from portal.models import PortalSettings

    # The first page ever served creates the settings row (a write: a new generation).
    PortalSettings.load()


def url(thread):
    return reverse("discussions:thread", args=[thread.pk])


def test_a_new_reply_and_an_edited_question_are_shown(client):
    thread = ThreadFactory(title="Measuring clusters")
    ReplyFactory(thread=thread, body="<p>First answer</p>")
    assert "First answer" in client.get(url(thread)).content.decode()
    ReplyFactory(thread=thread, body="<p>Second answer</p>")
    thread.body = "<p>Edited question</p>"
    thread.save()
    html = client.get(url(thread)).content.decode()
    assert "Second answer" in html and "Edited question" in html


def test_a_hidden_reply_is_gone_at_once(client, moderator):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread, body="<p>Buy cheap watches</p>")
    assert "Buy cheap watches" in client.get(url(thread)).content.decode()
    reply_moderate(moderator=moderator, reply=reply, action="hide", reason="Spam")
    assert "Buy cheap watches" not in client.get(url(thread)).content.decode()


def test_a_renamed_author_is_shown(client):
    from community.models import MemberProfile

    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread)
    client.get(url(thread))
    MemberProfile.objects.update_or_create(
        user=reply.author, defaults={"display_name": "Renamed Replier"}
    )
    assert "Renamed Replier" in client.get(url(thread)).content.decode()


def test_held_replies_are_shown_to_their_author_and_moderators_only(
    client, member, other_member, moderator
):
    thread = ThreadFactory()
    ReplyFactory(thread=thread, author=member, body="<p>Held reply</p>", status=Status.PENDING)
    # Kept by an anonymous visit first: the copy holds every reply, each visitor sees theirs.
    assert "Held reply" not in client.get(url(thread)).content.decode()
    client.force_login(member)
    assert "Held reply" in client.get(url(thread)).content.decode()
    client.force_login(other_member)
    assert "Held reply" not in client.get(url(thread)).content.decode()
    client.force_login(moderator)
    assert "Held reply" in client.get(url(thread)).content.decode()


def test_a_thread_hidden_after_it_was_kept_is_404_for_visitors(client, moderator):
    from discussions.services import thread_moderate

    thread = ThreadFactory()
    assert client.get(url(thread)).status_code == 200
    thread_moderate(moderator=moderator, thread=thread, action="hide", reason="Off topic")
    assert client.get(url(thread)).status_code == 404


def test_the_kept_replies_never_carry_a_visitors_links_or_forms(client, member, other_member):
    thread = ThreadFactory(author=member)
    reply = ReplyFactory(thread=thread, author=other_member)
    report = reverse("discussions:report", args=["reply", reply.pk])
    solve = reverse("discussions:solve", args=[thread.pk])
    html = client.get(url(thread)).content.decode()
    assert report not in html and solve not in html
    client.force_login(other_member)
    html = client.get(url(thread)).content.decode()
    assert report in html and solve not in html
    # The question's author may mark the solution: a form with their own CSRF token.
    client.force_login(member)
    html = client.get(url(thread)).content.decode()
    assert solve in html and "csrfmiddlewaretoken" in html.split(solve)[1][:400]
