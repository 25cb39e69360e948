"""Tag pages group and count by type; the index counts usage; moderators merge tags in the
admin without losing any tagged item."""

from django.urls import reverse

import pytest

from knowledge.services import tag_merge
from portal.models import Tag
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
    from knowledge.selectors import tag_relations

    total = sum(
        through.objects.filter(**{field: coffee}).count() for through, field in tag_relations()
    )
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
