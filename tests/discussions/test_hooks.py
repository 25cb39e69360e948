"""Threads in the rest of the site: tag pages, search, topic pages, home, dashboard, feeds,
"Download my data", account deletion, the digest and one-click unsubscribe."""

from datetime import timedelta

from django.utils import timezone

import pytest

from discussions.digests import send_digests
from discussions.models import DiscussionFollow, Reply, Status, Thread
from portal.signed_links import signed_token
from tests.factories.discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_tag_page_lists_threads(client):
    ThreadFactory(title="Cold chain question", tags=["cold chain"])
    ThreadFactory(title="Held cold chain", tags=["cold chain"], status=Status.PENDING)
    text = client.get("/tags/cold-chain/").content.decode()
    assert "Cold chain question" in text and "Held cold chain" not in text


def test_site_search_finds_threads(client):
    ThreadFactory(title="Spillover indicators")
    ThreadFactory(title="Spillover hidden", status=Status.HIDDEN)
    text = client.get("/search/?q=spillover").content.decode()
    assert "type=discussions" in text  # the facet, with its count
    text = client.get("/search/?q=spillover&type=discussions").content.decode()
    assert "</mark> indicators" in text and "</mark> hidden" not in text


def test_topic_page_shows_its_threads(client, topic):
    ThreadFactory(title="Topic thread", space=topic)
    ThreadFactory(title="Elsewhere")
    text = client.get(topic.url).content.decode()
    assert "Topic thread" in text and "Elsewhere" not in text
    assert f"/discussions/new/?space={topic.pk}" in text


def test_home_page_latest_discussions(client, home_page):
    ThreadFactory(title="Latest on the home page")
    assert "Latest on the home page" in client.get("/").content.decode()


def test_dashboard_lists_my_threads_with_their_state(client, member):
    ThreadFactory(author=member, title="My held one", status=Status.PENDING)
    client.force_login(member)
    text = client.get("/dashboard/").content.decode()
    assert "My held one" in text and "Awaiting moderation" in text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_per_space(client, topic, kind):
    ThreadFactory(title="Feed topic thread", space=topic)
    ThreadFactory(title="Feed general thread")
    text = client.get(f"/discussions/feed/{topic.pk}/{kind}/").content.decode()
    assert "Feed topic thread" in text and "Feed general thread" not in text
    text = client.get(f"/discussions/feed/general/{kind}/").content.decode()
    assert "Feed general thread" in text and "Feed topic thread" not in text
    assert "Feed topic thread" in client.get(f"/discussions/feed/all/{kind}/").content.decode()
    assert client.get(f"/discussions/feed/nope/{kind}/").status_code == 404


def test_member_data_download(client, member):
    thread = ThreadFactory(author=member, title="Mine")
    ReplyFactory(thread=thread, author=member)
    client.force_login(member)
    data = client.get("/members/me/data.json").json()
    part = data["discussions"]
    assert part["threads"][0]["title"] == "Mine"
    assert len(part["replies"]) == 1


def test_account_deletion_keeps_posts_as_former_member(client, member):
    from community.services import member_delete

    thread = ThreadFactory(author=member, title="Kept question")
    member_delete(user=member)
    thread.refresh_from_db()
    assert thread.author_id is None
    assert "Former member" in client.get(f"/discussions/{thread.pk}/").content.decode()


def test_weekly_summary_for_digest_followers(member, seasoned, mailoutbox):
    thread = ThreadFactory(title="Followed weekly")
    follow = DiscussionFollow.objects.create(user=member, thread=thread, mode="digest")
    DiscussionFollow.objects.filter(pk=follow.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    ReplyFactory(thread=thread, author=seasoned)
    ReplyFactory(thread=thread, author=seasoned, status=Status.PENDING)
    assert send_digests() == 1
    assert "Followed weekly" in mailoutbox[0].body and "1 new post" in mailoutbox[0].body
    assert send_digests() == 0  # not due again for a week
    assert len(mailoutbox) == 1


def test_unsubscribe_link(client, member):
    from community.models import MemberProfile

    profile, _ = MemberProfile.objects.get_or_create(
        user=member, defaults={"display_name": "M", "digest_enabled": True}
    )
    MemberProfile.objects.filter(pk=profile.pk).update(digest_enabled=True)
    DiscussionFollow.objects.create(user=member, thread=ThreadFactory())
    token = signed_token("unsubscribe", user=member.pk)
    response = client.get(f"/unsubscribe/{token}/")
    assert response.status_code == 200
    assert DiscussionFollow.objects.filter(user=member).exists()  # GET changes nothing
    response = client.post(f"/unsubscribe/{token}/")
    assert response.status_code == 200
    assert not DiscussionFollow.objects.filter(user=member).exists()
    assert not MemberProfile.objects.get(user=member).digest_enabled


def test_unsubscribe_refuses_a_forged_token(client, member):
    forged = signed_token("still-correct", user=member.pk)
    assert client.get(f"/unsubscribe/{forged}/").status_code == 404
    assert client.post("/unsubscribe/garbage/").status_code == 404


def test_unsubscribe_page_in_spanish(client, member):
    token = signed_token("unsubscribe", user=member.pk)
    assert "Darse de baja" in client.get(f"/es/unsubscribe/{token}/").content.decode()


def test_thread_queryset_excludes_private_spaces(topic):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=topic, restriction_type="login")
    ThreadFactory(space=topic)
    ThreadFactory()
    assert Thread.objects.visible_to().count() == 1
    assert Reply.objects.count() == 0


def test_community_digest_lists_threads_of_followed_tags(member, mailoutbox):
    from community.digests import send_digest
    from community.models import Follow, MemberProfile
    from portal.models import Tag

    profile, _ = MemberProfile.objects.get_or_create(user=member, defaults={"display_name": "M"})
    MemberProfile.objects.filter(pk=profile.pk).update(digest_enabled=True, last_digest_at=None)
    profile.refresh_from_db()
    ThreadFactory(title="Digest-worthy thread", tags=["ports"])
    Follow.objects.create(user=member, tag=Tag.objects.get(name="ports"))
    assert send_digest(profile=profile, force=True)
    body = mailoutbox[0].body
    assert "Digest-worthy thread" in body
    assert "/discussions/" in body and "/unsubscribe/" in body
