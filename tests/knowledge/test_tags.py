"""Tag pages group and count by type; the index and the admin list count uses (never
follows); moderators merge tags in the admin without losing any tagged item or follow."""

from django.core.exceptions import FieldError
from django.urls import reverse

import pytest

from portal.models import Tag
from portal.tagging import (
    TagReference,
    tag_merge,
    tag_references,
    tag_through_models,
    tags_with_usage,
)
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_index(home_page):
    from tests.factories.registry import InitiativeIndexPageFactory

    return InitiativeIndexPageFactory(parent=home_page)


def tagged_everything(practice_index, topic_index, news_index, registry_index):
    from tests.factories.registry import InitiativePageFactory

    return {
        "practices": [
            PracticePageFactory(parent=practice_index, tags=["coffee"]),
            PracticePageFactory(parent=practice_index, tags=["coffee", "café"]),
            PracticePageFactory(parent=practice_index, tags=["café"]),
        ],
        "topics": [ResearchTopicPageFactory(parent=topic_index, tags=["Café"])],
        "news": [NewsPageFactory(parent=news_index, tags=["coffee"])],
        "initiatives": [InitiativePageFactory(parent=registry_index, tags=["café"])],
    }


def test_tag_page_groups_and_counts(
    client, practice_index, topic_index, news_index, registry_index
):
    tagged_everything(practice_index, topic_index, news_index, registry_index)
    PracticePageFactory(parent=practice_index, tags=["coffee"], live=False)  # a draft: hidden
    response = client.get(reverse("portal:tag", args=["coffee"]))
    assert response.status_code == 200
    groups = {g["type"].key: g["count"] for g in response.context["groups"]}
    assert groups == {"practices": 2, "news": 1}
    assert response.context["total"] == 3
    body = response.content.decode()
    assert body.index('id="group-practices"') < body.index('id="group-news"')


def test_accented_tags_have_pages(client, practice_index):
    PracticePageFactory(parent=practice_index, tags=["café"])
    tag = Tag.objects.get(name="café")
    response = client.get(reverse("portal:tag", args=[tag.slug]))
    assert response.status_code == 200
    assert response.context["total"] == 1


def test_unknown_tag_is_a_404_page(client):
    response = client.get("/tags/no-such-tag/")
    assert response.status_code == 404
    assert response.templates  # rendered through the site's 404 template, not a bare error


def test_tag_index_counts_usage(client, practice_index, topic_index, news_index, registry_index):
    tagged_everything(practice_index, topic_index, news_index, registry_index)
    Tag.objects.create(name="unused", slug="unused")
    response = client.get(reverse("portal:tag_index"))
    usage = {t.slug: t.usage for t in response.context["tags"]}
    assert usage == {"coffee": 3, "café": 4}
    assert "unused" not in response.content.decode()


def test_merge_keeps_every_item_of_every_type(
    practice_index, topic_index, news_index, registry_index
):
    items = tagged_everything(practice_index, topic_index, news_index, registry_index)
    coffee = Tag.objects.get(slug="coffee")
    cafe = Tag.objects.get(name="café")
    moved = tag_merge(sources=[cafe], target=coffee)
    assert not Tag.objects.filter(name="café").exists()
    # practice[1] already had both: one tag, no duplicate; the others moved.
    assert moved == 3
    for kind, pages in items.items():
        for page in pages:
            page.refresh_from_db()
            names = [t.name for t in type(page).objects.get(pk=page.pk).tags.all()]
            assert names == ["coffee"], (kind, page, names)
    total = sum(through.objects.filter(tag=coffee).count() for through in tag_through_models())
    assert total == 6  # six tagged items, one tag each


def test_merge_from_the_admin(
    client, moderator, practice_index, topic_index, news_index, registry_index
):
    tagged_everything(practice_index, topic_index, news_index, registry_index)
    coffee = Tag.objects.get(slug="coffee")
    cafe = Tag.objects.get(name="café")
    client.force_login(moderator)
    index = client.get(reverse("knowledge_tags:index"))
    assert index.status_code == 200
    assert reverse("knowledge_tags:merge") in index.content.decode()
    response = client.post(
        reverse("knowledge_tags:merge"), {"sources": [cafe.pk], "target": coffee.pk}
    )
    assert response.status_code == 302
    assert list(Tag.objects.values_list("slug", flat=True)) == ["coffee"]
    assert client.get(reverse("portal:tag", args=["coffee"])).context["total"] == 6


def test_merging_a_tag_into_itself_changes_nothing(client, moderator, practice_index):
    PracticePageFactory(parent=practice_index, tags=["coffee"])
    coffee = Tag.objects.get(slug="coffee")
    client.force_login(moderator)
    response = client.post(
        reverse("knowledge_tags:merge"), {"sources": [coffee.pk], "target": coffee.pk}
    )
    assert response.status_code == 200
    assert "other than the surviving tag" in response.content.decode()
    assert Tag.objects.filter(slug="coffee").exists()


def test_members_cannot_merge_or_rename(client, member, practice_index):
    PracticePageFactory(parent=practice_index, tags=["coffee"])
    client.force_login(member)
    assert client.get(reverse("knowledge_tags:merge")).status_code in (302, 403)
    coffee = Tag.objects.get(slug="coffee")
    client.post(reverse("knowledge_tags:edit", args=[coffee.pk]), {"name": "x", "slug": "x"})
    assert Tag.objects.get(pk=coffee.pk).name == "coffee"


def test_moderators_rename_tags(client, moderator, practice_index):
    page = PracticePageFactory(parent=practice_index, tags=["cofee"])
    tag = Tag.objects.get(slug="cofee")
    client.force_login(moderator)
    response = client.post(
        reverse("knowledge_tags:edit", args=[tag.pk]), {"name": "coffee", "slug": "coffee"}
    )
    assert response.status_code == 302
    assert [t.slug for t in page.tags.all()] == ["coffee"]


def test_topic_page_gathers_items_sharing_its_tags(client, practice_index, topic_index, news_index):
    topic = ResearchTopicPageFactory(parent=topic_index, tags=["coffee", "quality"])
    PracticePageFactory(parent=practice_index, tags=["coffee"], title="Tagged practice")
    linked = PracticePageFactory(parent=practice_index, title="Linked practice")
    linked.topics.set([topic])
    linked.save()
    PracticePageFactory(parent=practice_index, tags=["other"], title="Unrelated practice")
    NewsPageFactory(parent=news_index, tags=["quality"], title="Quality news")
    response = client.get(topic.url)
    sections = {s["type"].key: s for s in response.context["sections"]}
    assert sections["practices"]["count"] == 2
    assert sections["news"]["count"] == 1
    body = response.content.decode()
    assert "Tagged practice" in body and "Linked practice" in body
    assert "Unrelated practice" not in body


def test_topic_sections_are_capped_with_a_see_all_link(client, practice_index, topic_index):
    topic = ResearchTopicPageFactory(parent=topic_index, tags=["coffee"])
    for _ in range(8):
        PracticePageFactory(parent=practice_index, tags=["coffee"])
    response = client.get(topic.url)
    section = response.context["sections"][0]
    assert section["count"] == 8
    assert len(section["items"]) == 6
    assert reverse("portal:tag", args=["coffee"]) in response.content.decode()


# Follows are not uses; a merge names its tables -----------------------------------------------


def test_following_a_tag_is_not_a_use(client, moderator, member, practice_index):
    from community.models import Follow

    PracticePageFactory(parent=practice_index, tags=["coffee"])
    coffee = Tag.objects.get(slug="coffee")
    followed_only = Tag.objects.create(name="followed only", slug="followed-only")
    Follow.objects.create(user=member, tag=coffee)
    Follow.objects.create(user=moderator, tag=coffee)
    Follow.objects.create(user=member, tag=followed_only)

    assert {t.slug: t.usage for t in tags_with_usage()} == {"coffee": 1, "followed-only": 0}
    cloud = client.get(reverse("portal:tag_index")).context["tags"]
    assert {t.slug: t.usage for t in cloud} == {"coffee": 1}
    client.force_login(moderator)
    admin_list = client.get(reverse("knowledge_tags:index")).context["object_list"]
    assert {t.slug: t.usage for t in admin_list} == {"coffee": 1, "followed-only": 0}


def test_every_foreign_key_to_tag_is_named():
    """A merge repoints only the tables it names and then deletes the sources, whose cascade
    would silently drop rows of a table nobody named: every table pointing at Tag is named."""
    named = {(through, "tag") for through in tag_through_models()}
    named |= {(ref.model, ref.tag_field) for ref in tag_references()}
    pointing = {
        (relation.related_model, relation.field.name)
        for relation in Tag._meta.related_objects
        if relation.one_to_many
    }
    assert pointing == named
    # Eleven <Model>Tag through models and the community's follows, plus discussions (threads,
    # follows), support requests, and projects (tags and sought tags).
    assert len(named) == 17


def one_item_per_tagged_model(home_page, practice_index, topic_index, news_index, registry_index):
    """Two items (``a``, ``b``) of each model that carries tags, keyed by model."""
    from knowledge.models import NewsPage, PracticePage, ResearchTopicPage
    from tests.factories.community import MemberProfileFactory
    from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
    from tests.factories.registry import InitiativePageFactory

    events = EventIndexPageFactory(parent=home_page)
    program = ProgramPageFactory(parent=events)
    factories = {
        PracticePage: lambda: PracticePageFactory(parent=practice_index),
        ResearchTopicPage: lambda: ResearchTopicPageFactory(parent=topic_index),
        NewsPage: lambda: NewsPageFactory(parent=news_index),
        type(program): lambda: ProgramPageFactory(parent=events),
        type(EventPageFactory.build()): lambda: EventPageFactory(parent=program),
        type(InitiativePageFactory.build()): lambda: InitiativePageFactory(parent=registry_index),
        type(MemberProfileFactory.build()): MemberProfileFactory,
    }
    # Issue 14's tagged content: threads, support requests, joint projects.
    from discussions.models import Thread
    from projects.models import ProjectPage
    from support.models import SupportRequest
    from tests.factories.discussions import ThreadFactory
    from tests.factories.projects import ProjectIndexPageFactory, ProjectPageFactory
    from tests.factories.support import SupportRequestFactory

    projects = ProjectIndexPageFactory(parent=home_page)
    factories[Thread] = ThreadFactory
    factories[SupportRequest] = SupportRequestFactory
    factories[ProjectPage] = lambda: ProjectPageFactory(
        parent=projects, lead_initiative=InitiativePageFactory(parent=registry_index)
    )
    return {model: (make(), make()) for model, make in factories.items()}


def test_merge_repoints_every_tagged_type_and_follows(
    make_user, home_page, practice_index, topic_index, news_index, registry_index
):
    from community.models import Follow

    items = one_item_per_tagged_model(
        home_page, practice_index, topic_index, news_index, registry_index
    )
    coffee, cafe, kaffee = (
        Tag.objects.create(name=n, slug=n) for n in ("coffee", "cafe", "kaffee")
    )
    throughs = tag_through_models()
    for through in throughs:
        a, b = items[through._meta.get_field("content_object").related_model]
        # a: two sources (one row must go); b: a source and the target (the source row goes).
        through.objects.create(content_object=a, tag=cafe)
        through.objects.create(content_object=a, tag=kaffee)
        through.objects.create(content_object=b, tag=cafe)
        through.objects.create(content_object=b, tag=coffee)
    users = [make_user(username=f"follower{n}") for n in range(3)]
    Follow.objects.create(user=users[0], tag=cafe)
    Follow.objects.create(user=users[0], tag=coffee)
    Follow.objects.create(user=users[1], tag=cafe)
    Follow.objects.create(user=users[1], tag=kaffee)
    Follow.objects.create(user=users[2], tag=kaffee)

    moved = tag_merge(sources=[cafe, kaffee], target=coffee)

    assert moved == len(throughs)  # one row per through model (item a's)
    assert list(Tag.objects.values_list("slug", flat=True)) == ["coffee"]
    for through in throughs:
        a, b = items[through._meta.get_field("content_object").related_model]
        rows = sorted(through.objects.values_list("content_object_id", "tag__slug"))
        assert rows == sorted([(a.pk, "coffee"), (b.pk, "coffee")]), through
    follows = sorted(Follow.objects.values_list("user__username", "tag__slug"))
    assert follows == [(u.username, "coffee") for u in users]


def test_a_failed_merge_changes_nothing(practice_index):
    from wagtail import hooks

    practice = PracticePageFactory(parent=practice_index, tags=["cafe"])
    coffee = Tag.objects.create(name="coffee", slug="coffee")
    cafe = Tag.objects.get(slug="cafe")

    def broken():
        from community.models import Follow

        return TagReference(model=Follow, tag_field="tag", owner_field="no_such_field")

    with hooks.register_temporarily("register_tag_reference", broken), pytest.raises(FieldError):
        tag_merge(sources=[cafe], target=coffee)
    assert Tag.objects.filter(slug="cafe").exists()
    assert [t.slug for t in type(practice).objects.get(pk=practice.pk).tags.all()] == ["cafe"]
