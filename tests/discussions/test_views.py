import pytest

from discussions.models import DiscussionFollow, PostReport, Reply, Status, Thread
from tests.factories.discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_index_lists_published_threads_only(client):
    ThreadFactory(title="A public question")
    ThreadFactory(title="A held question", status=Status.PENDING)
    ThreadFactory(title="A hidden question", status=Status.HIDDEN)
    response = client.get("/discussions/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "A public question" in text
    assert "A held question" not in text
    assert "A hidden question" not in text


def test_space_page_lists_its_threads(client, topic):
    ThreadFactory(title="In the topic", space=topic)
    ThreadFactory(title="In the general space")
    response = client.get(f"/discussions/space/{topic.pk}/")
    assert response.status_code == 200
    assert "In the topic" in response.content.decode()
    assert "In the general space" not in response.content.decode()
    general = client.get("/discussions/general/").content.decode()
    assert "In the general space" in general and "In the topic" not in general


def test_space_of_a_page_that_cannot_host_threads_is_404(client, home_page):
    assert client.get(f"/discussions/space/{home_page.pk}/").status_code == 404


def test_filters_unanswered_and_solved(client):
    unanswered = ThreadFactory(title="Nobody answered")
    answered = ThreadFactory(title="Somebody answered")
    reply = ReplyFactory(thread=answered)
    solved = ThreadFactory(title="It was solved")
    solved.solved_reply = ReplyFactory(thread=solved)
    solved.save()
    text = client.get("/discussions/?filter=unanswered").content.decode()
    assert unanswered.title in text and answered.title not in text and solved.title not in text
    text = client.get("/discussions/?filter=solved").content.decode()
    assert solved.title in text and unanswered.title not in text
    assert reply.pk


def test_tag_filter(client):
    ThreadFactory(title="Tagged logistics", tags=["logistics"])
    ThreadFactory(title="Tagged coffee", tags=["coffee"])
    text = client.get("/discussions/?tag=logistics").content.decode()
    assert "Tagged logistics" in text and "Tagged coffee" not in text


def test_thread_page_shows_replies(client):
    thread = ThreadFactory(title="Measuring spillovers")
    ReplyFactory(thread=thread, body="<p>Use tax data.</p>")
    ReplyFactory(thread=thread, body="<p>Held one.</p>", status=Status.PENDING)
    response = client.get(f"/discussions/{thread.pk}/")
    assert response.status_code == 200
    assert "Use tax data." in response.content.decode()
    assert "Held one." not in response.content.decode()


def test_pending_thread_is_seen_by_its_author_only(client, member, other_member, moderator):
    thread = ThreadFactory(author=member, status=Status.PENDING)
    assert client.get(f"/discussions/{thread.pk}/").status_code == 404
    client.force_login(other_member)
    assert client.get(f"/discussions/{thread.pk}/").status_code == 404
    client.force_login(member)
    assert "Awaiting moderation" in client.get(f"/discussions/{thread.pk}/").content.decode()
    client.force_login(moderator)
    assert client.get(f"/discussions/{thread.pk}/").status_code == 200


def test_thread_in_a_private_space_is_404(client, topic):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=topic, restriction_type="login")
    thread = ThreadFactory(space=topic)
    assert client.get(f"/discussions/{thread.pk}/").status_code == 404
    assert "private" not in client.get("/discussions/").content.decode()


def test_first_posts_are_held_then_published(client, member):
    client.force_login(member)
    for number in range(2):
        response = client.post(
            "/discussions/new/",
            {"title": f"Question {number}", "body": "Some words", "language": "en"},
        )
        assert response.status_code == 302
    assert list(Thread.objects.filter(author=member).values_list("status", flat=True)) == [
        Status.PENDING,
        Status.PENDING,
    ]
    Thread.objects.filter(author=member).update(status=Status.PUBLISHED)
    client.post("/discussions/new/", {"title": "Third", "body": "More words", "language": "en"})
    assert Thread.objects.get(title="Third").status == Status.PUBLISHED


def test_new_thread_in_a_space_with_tags(client, seasoned, topic):
    client.force_login(seasoned)
    response = client.post(
        f"/discussions/new/?space={topic.pk}",
        {
            "title": "Data for value chains",
            "body": "<p>Which <b>data</b>?</p><script>alert(1)</script>",
            "tags": "data, value chains",
            "language": "pt",
        },
    )
    thread = Thread.objects.get(title="Data for value chains")
    assert response.status_code == 302
    assert thread.space_id == topic.pk
    assert thread.language == "pt"
    assert "<script>" not in thread.body and "<b>data</b>" in thread.body
    assert sorted(t.name for t in thread.tags.all()) == ["data", "value chains"]
    assert DiscussionFollow.objects.filter(user=seasoned, thread=thread).exists()


@pytest.mark.parametrize("body", ["", "   ", "<p></p>", "<script>x</script>"])
def test_empty_thread_is_refused(client, member, body):
    client.force_login(member)
    response = client.post("/discussions/new/", {"title": "Title", "body": body, "language": "en"})
    assert response.status_code == 400
    assert "an empty post cannot be sent" in response.content.decode()
    assert not Thread.objects.exists()


def test_empty_thread_is_refused_in_spanish(client, member):
    client.force_login(member)
    response = client.post("/es/discussions/new/", {"title": "T", "body": "", "language": "es"})
    assert response.status_code == 400
    assert "no se puede enviar una publicación vacía" in response.content.decode()


def test_writing_needs_a_verified_member(client, unverified_user):
    response = client.post("/discussions/new/", {"title": "T", "body": "x", "language": "en"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(unverified_user)
    response = client.post("/discussions/new/", {"title": "T", "body": "x", "language": "en"})
    assert response.status_code == 302 and "/accounts/email/" in response["Location"]
    assert not Thread.objects.exists()


def test_reply_is_published_and_notifies_followers(
    client, seasoned, member, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(author=member)
    DiscussionFollow.objects.create(user=member, thread=thread)
    client.force_login(seasoned)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/discussions/{thread.pk}/reply/", {"body": "Try the tax data."})
    assert response.status_code == 302
    reply = Reply.objects.get(thread=thread)
    assert reply.status == Status.PUBLISHED
    assert [message.to for message in mailoutbox] == [[member.email]]
    body = mailoutbox[0].body
    assert "Try the tax data." in body
    assert "/unsubscribe/" in body


def test_follower_in_spanish_gets_a_spanish_email(
    client, seasoned, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_user(username="lector", preferred_language="es")
    thread = ThreadFactory()
    DiscussionFollow.objects.create(user=reader, thread=thread)
    client.force_login(seasoned)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/discussions/{thread.pk}/reply/", {"body": "Una respuesta."})
    assert "Nueva respuesta" in mailoutbox[0].subject
    assert "/es/discussions/" in mailoutbox[0].body


def test_digest_followers_get_no_immediate_email(
    client, seasoned, member, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory()
    DiscussionFollow.objects.create(user=member, thread=thread, mode="digest")
    DiscussionFollow.objects.create(user=other_member, thread=thread, mode="immediate")
    client.force_login(seasoned)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/discussions/{thread.pk}/reply/", {"body": "Words."})
    assert [message.to for message in mailoutbox] == [[other_member.email]]


def test_reply_to_locked_thread_is_refused(client, seasoned):
    thread = ThreadFactory(locked=True)
    client.force_login(seasoned)
    response = client.post(f"/discussions/{thread.pk}/reply/", {"body": "Late words."})
    assert response.status_code == 400
    assert "This discussion is locked" in response.content.decode()
    assert not Reply.objects.exists()


def test_reply_to_hidden_thread_is_refused(client, seasoned, make_user):
    thread = ThreadFactory(status=Status.HIDDEN, author=seasoned)
    client.force_login(seasoned)
    response = client.post(f"/discussions/{thread.pk}/reply/", {"body": "Words."})
    assert response.status_code == 400
    assert "closed by a moderator" in response.content.decode()
    assert not Reply.objects.exists()
    stranger = make_user(username="stranger")
    client.force_login(stranger)
    assert client.post(f"/discussions/{thread.pk}/reply/", {"body": "W"}).status_code == 404


def test_empty_reply_is_refused(client, seasoned):
    thread = ThreadFactory()
    client.force_login(seasoned)
    response = client.post(f"/discussions/{thread.pk}/reply/", {"body": "<p> </p>"})
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_quote_of_a_reply_of_another_thread_is_refused(client, seasoned):
    thread = ThreadFactory()
    elsewhere = ReplyFactory()
    client.force_login(seasoned)
    response = client.post(
        f"/discussions/{thread.pk}/reply/", {"body": "Words.", "quote": elsewhere.pk}
    )
    assert response.status_code == 400
    assert not Reply.objects.filter(thread=thread).exists()


def test_quote_is_shown(client, seasoned):
    thread = ThreadFactory()
    first = ReplyFactory(thread=thread, body="<p>Original point.</p>")
    client.force_login(seasoned)
    client.post(f"/discussions/{thread.pk}/reply/", {"body": "I agree.", "quote": first.pk})
    reply = Reply.objects.get(body__contains="I agree")
    assert reply.quote_id == first.pk
    assert "wrote:" in client.get(f"/discussions/{thread.pk}/").content.decode()


def test_author_marks_solved_and_others_cannot(client, member, other_member):
    thread = ThreadFactory(author=member)
    reply = ReplyFactory(thread=thread)
    client.force_login(other_member)
    assert client.post(f"/discussions/{thread.pk}/solve/", {"reply": reply.pk}).status_code == 403
    client.force_login(member)
    assert client.post(f"/discussions/{thread.pk}/solve/", {"reply": reply.pk}).status_code == 302
    thread.refresh_from_db()
    assert thread.solved_reply_id == reply.pk
    client.post(f"/discussions/{thread.pk}/solve/", {})
    thread.refresh_from_db()
    assert thread.solved_reply_id is None


def test_moderator_marks_solved(client, moderator):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread)
    client.force_login(moderator)
    client.post(f"/discussions/{thread.pk}/solve/", {"reply": reply.pk})
    thread.refresh_from_db()
    assert thread.solved_reply_id == reply.pk


def test_report_a_reply(client, member):
    reply = ReplyFactory()
    client.force_login(member)
    assert client.get(f"/discussions/report/reply/{reply.pk}/").status_code == 200
    response = client.post(f"/discussions/report/reply/{reply.pk}/", {"reason": "Spam link"})
    assert response.status_code == 302
    report = PostReport.objects.get()
    assert report.reply_id == reply.pk and report.reporter == member
    response = client.post(f"/discussions/report/reply/{reply.pk}/", {"reason": "  "})
    assert response.status_code == 400
    assert PostReport.objects.count() == 1
    assert client.get(f"/discussions/report/other/{reply.pk}/").status_code == 404


def test_follow_and_unfollow_a_space_and_a_tag(client, member, topic):
    from portal.models import Tag

    tag = Tag.objects.create(name="logistics")
    client.force_login(member)
    client.post("/discussions/follow/", {"space": topic.pk, "action": "follow", "mode": "digest"})
    client.post("/discussions/follow/", {"tag": tag.slug, "action": "follow"})
    follows = {(f.space_id, f.tag_id, f.mode) for f in DiscussionFollow.objects.filter(user=member)}
    assert follows == {(topic.pk, None, "digest"), (None, tag.pk, "immediate")}
    assert "logistics" in client.get("/discussions/following/").content.decode()
    client.post("/discussions/follow/", {"space": topic.pk, "action": "unfollow"})
    assert DiscussionFollow.objects.filter(user=member).count() == 1


def test_follow_needs_exactly_one_target(client, member, topic):
    client.force_login(member)
    client.post("/discussions/follow/", {"space": topic.pk, "thread": 1, "action": "follow"})
    client.post("/discussions/follow/", {"space": 999999, "action": "follow"})
    assert not DiscussionFollow.objects.exists()


def test_new_thread_notifies_space_and_tag_followers(
    client, seasoned, make_user, topic, mailoutbox, django_capture_on_commit_callbacks
):
    from portal.models import Tag

    tag = Tag.objects.create(name="logistics")
    by_space = make_user(username="byspace")
    by_tag = make_user(username="bytag")
    DiscussionFollow.objects.create(user=by_space, space=topic)
    DiscussionFollow.objects.create(user=by_tag, tag=tag)
    client.force_login(seasoned)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/discussions/new/?space={topic.pk}",
            {"title": "Ports", "body": "Which ports?", "tags": "logistics", "language": "en"},
        )
    assert sorted(message.to[0] for message in mailoutbox) == [by_space.email, by_tag.email]


def test_thread_rate_limit(client, seasoned, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "discussion_thread": "1/1d/user"}
    client.force_login(seasoned)
    data = {"title": "One", "body": "Words", "language": "en"}
    assert client.post("/discussions/new/", data).status_code == 302
    response = client.post("/discussions/new/", {**data, "title": "Two"})
    assert response.status_code == 429
    assert not Thread.objects.filter(title="Two").exists()


def test_merged_thread_redirects(client):
    target = ThreadFactory()
    source = ThreadFactory(merged_into=target)
    response = client.get(f"/discussions/{source.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/discussions/{target.pk}/")


def test_tag_list_offers_to_follow_the_tag(client, member):
    ThreadFactory(tags=["logistics"])
    client.force_login(member)
    text = client.get("/discussions/?tag=logistics").content.decode()
    assert 'name="tag" value="logistics"' in text
