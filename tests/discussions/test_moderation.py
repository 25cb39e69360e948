import pytest

from discussions import services
from discussions.models import DiscussionFollow, PostReport, Reply, Status, Thread
from tests.factories.discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publish_a_held_thread_tells_the_author_why(moderator, member, mailoutbox, on_commit):
    thread = ThreadFactory(author=member, status=Status.PENDING, title="Held")
    with on_commit():
        services.thread_moderate(
            moderator=moderator, thread=thread, action="publish", reason="Welcome aboard"
        )
    thread.refresh_from_db()
    assert thread.status == Status.PUBLISHED
    assert thread.moderation_reason == "Welcome aboard"
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "Welcome aboard" in mailoutbox[0].body and "published" in mailoutbox[0].body


def test_hide_closes_reports_and_replies(client, moderator, member, seasoned):
    thread = ThreadFactory(author=member)
    PostReport.objects.create(reporter=seasoned, thread=thread, reason="spam")
    services.thread_moderate(moderator=moderator, thread=thread, action="hide", reason="Spam")
    assert PostReport.objects.get().state == PostReport.State.CLOSED
    assert client.get(f"/discussions/{thread.pk}/").status_code == 404
    client.force_login(member)
    page = client.get(f"/discussions/{thread.pk}/").content.decode()
    assert "A moderator hid this discussion." in page and "Spam" in page


def test_lock_and_unlock(moderator):
    thread = ThreadFactory()
    services.thread_moderate(moderator=moderator, thread=thread, action="lock", reason="Done")
    assert Thread.objects.get(pk=thread.pk).locked
    services.thread_moderate(moderator=moderator, thread=thread, action="unlock", reason="Again")
    assert not Thread.objects.get(pk=thread.pk).locked


def test_move_to_a_topic_and_back(moderator, topic):
    thread = ThreadFactory()
    services.thread_moderate(
        moderator=moderator, thread=thread, action="move", reason="Fits", space=topic
    )
    assert Thread.objects.get(pk=thread.pk).space_id == topic.pk
    services.thread_moderate(moderator=moderator, thread=thread, action="move", reason="General")
    assert Thread.objects.get(pk=thread.pk).space_id is None


def test_merge_moves_replies_and_the_question(moderator, member):
    source = ThreadFactory(body="<p>Same question</p>")
    target = ThreadFactory()
    ReplyFactory(thread=source)
    DiscussionFollow.objects.create(user=member, thread=source)
    services.thread_moderate(
        moderator=moderator, thread=source, action="merge", reason="Duplicate", target=target
    )
    source.refresh_from_db()
    assert source.merged_into_id == target.pk
    assert Reply.objects.filter(thread=target).count() == 2
    assert Reply.objects.filter(thread=target, body="<p>Same question</p>").exists()
    assert DiscussionFollow.objects.filter(user=member, thread=target).exists()


def test_merge_into_itself_is_refused(moderator):
    from django.core.exceptions import ValidationError

    thread = ThreadFactory()
    with pytest.raises(ValidationError):
        services.thread_moderate(
            moderator=moderator, thread=thread, action="merge", reason="x", target=thread
        )
    assert Thread.objects.get(pk=thread.pk).merged_into_id is None


def test_hiding_the_solution_reopens_the_question(moderator):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread)
    thread.solved_reply = reply
    thread.save()
    services.reply_moderate(moderator=moderator, reply=reply, action="hide", reason="Wrong")
    thread.refresh_from_db()
    assert thread.solved_reply_id is None
    assert Reply.objects.get(pk=reply.pk).status == Status.HIDDEN


def test_publishing_a_held_reply_notifies_followers(
    moderator, member, seasoned, mailoutbox, on_commit
):
    thread = ThreadFactory(author=member)
    DiscussionFollow.objects.create(user=member, thread=thread)
    reply = ReplyFactory(thread=thread, author=seasoned, status=Status.PENDING)
    with on_commit():
        services.reply_moderate(moderator=moderator, reply=reply, action="publish", reason="OK")
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([member.email, seasoned.email])  # follower; author told why


def test_admin_moderate_view(client, moderator, member):
    thread = ThreadFactory(author=member, status=Status.PENDING)
    client.force_login(member)
    assert client.get(f"/admin/discussions/moderate/thread/{thread.pk}/").status_code in (302, 403)
    client.force_login(moderator)
    url = f"/admin/discussions/moderate/thread/{thread.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "publish", "reason": ""})
    assert response.status_code == 200  # the reason is required
    assert Thread.objects.get(pk=thread.pk).status == Status.PENDING
    response = client.post(url, {"action": "edit", "reason": "Typo", "title": "Fixed", "body": ""})
    assert Thread.objects.get(pk=thread.pk).title != "Fixed"
    response = client.post(
        url, {"action": "edit", "reason": "Typo", "title": "Fixed", "body": "<p>Better</p>"}
    )
    assert response.status_code == 302
    assert Thread.objects.get(pk=thread.pk).title == "Fixed"


def test_admin_moderate_a_reply(client, moderator):
    reply = ReplyFactory()
    client.force_login(moderator)
    url = f"/admin/discussions/moderate/reply/{reply.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "hide", "reason": "Off topic"}).status_code == 302
    assert Reply.objects.get(pk=reply.pk).moderation_reason == "Off topic"


@pytest.mark.parametrize(
    "url", ["discussion_threads:index", "discussion_replies:index", "discussion_reports:index"]
)
def test_admin_lists(client, admin_user, url):
    from django.urls import reverse

    thread = ThreadFactory()
    PostReport.objects.create(reporter=admin_user, thread=thread, reason="spam")
    ReplyFactory(thread=thread)
    client.force_login(admin_user)
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert "/admin/discussions/moderate/" in response.content.decode()


# --- costs4: found by the injection audit ---


def test_a_space_that_is_not_a_page_id_is_refused_not_a_server_error(client, moderator, member):
    thread = ThreadFactory(author=member)
    client.force_login(moderator)
    space_before = thread.space_id
    response = client.post(
        f"/admin/discussions/moderate/thread/{thread.pk}/",
        {"action": "move", "reason": "Better there.", "space": "<script>x</script>"},
    )
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()
    assert response.context["form"].errors["space"]
    thread.refresh_from_db()
    assert thread.space_id == space_before
