"""Reads: listings, the topic page's sections, the tag index, the dashboard."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Window

from portal.i18n import localized
from portal.moderation import with_moderation_state
from portal.tagging import tagged_types

from .models import NewsPage, NewsTag, PracticePage, PracticeTag, ResearchTopicPage, TopicTag
from .models.base import card_tags, live_public, prefetch_card_tags

TOPIC_SECTION_SIZE = 6
HOME_PRACTICES = 6
HOME_TOPICS = 8


def practice_list():
    """Live, public practices in the visitor's locale (``PracticeFilterSet`` narrows and
    orders them for ``/practices/``)."""
    return localized(live_public(PracticePage.objects.all()))


def topic_list():
    """Live, public research topics in the visitor's locale, by title.

    The filter on the content type changes no result (no page type extends the research
    topic) but lets SQLite start from the page table's index on it: joined from a handful of
    topics, it scanned every page of the site instead (at 10,000 initiatives, 58 ms for the
    count of 8 topics, 5 ms with it)."""
    own_type = ContentType.objects.get_for_model(ResearchTopicPage)
    return (
        localized(live_public(ResearchTopicPage.objects.filter(content_type=own_type)))
        .prefetch_related(card_tags(TopicTag))
        .order_by("title")
    )


def news_list():
    """Live, public news in the visitor's locale, latest first."""
    return (
        localized(live_public(NewsPage.objects.all()))
        .select_related("image")
        .prefetch_related(card_tags(NewsTag))
        .order_by("-date", "-pk")
    )


def _tagged_with_any(through, tags):
    """``pk__in`` the items ``through`` links to one of ``tags``: a subquery, so the outer
    query needs no join and no ``DISTINCT`` whatever the number of tags."""
    return Q(pk__in=through.objects.filter(tag__in=tags).values("content_object_id"))


def practices_for_tags(tags, request=None):
    """Live, public practices carrying any of ``tags``, newest first, with their tags."""
    return practice_list().filter(_tagged_with_any(PracticeTag, tags)).for_cards()


def topics_for_tags(tags, request=None):
    return topic_list().filter(_tagged_with_any(TopicTag, tags))


def news_for_tags(tags, request=None):
    return news_list().filter(_tagged_with_any(NewsTag, tags))


def _first_with_total(items, size):
    """The first ``size`` of ``items`` and how many there are in all: one query (the total is
    a window count computed before the limit) where the queryset allows it, else two."""
    if not items.query.distinct:
        found = list(items.annotate(section_total=Window(Count("pk")))[:size])
        if not found:
            return [], 0
        total = getattr(found[0], "section_total", None)
        if total is not None:
            return found, total
    count = items.count()
    return (list(items[:size]) if count else []), count


# The knowledge types whose sections on a topic page only prefetch their cards' tags: those
# come in one query for all of them (``prefetch_card_tags``).
CARD_TAGS_TOGETHER = ("practices", "news")


def topic_sections(*, topic, tags, request, size=TOPIC_SECTION_SIZE):
    """:func:`find_topic_sections`, kept in the shared cache per topic, tags, language and
    kind of visitor (signed in or not: what a tagged type shows depends on nothing else of the
    request, ``portal.tagging``) until the next write to public content
    (``portal.page_cache.fragment``)."""
    from django.utils.translation import get_language

    from portal.page_cache import fragment

    types = {tagged.key: tagged for tagged in tagged_types()}
    signed_in = bool(getattr(getattr(request, "user", None), "is_authenticated", False))
    key = ":".join(
        (
            "knowledge:topic-sections",
            str(topic.pk),
            ",".join(str(tag.pk) for tag in tags),
            str(size),
            get_language() or "",
            "member" if signed_in else "anonymous",
        )
    )
    # Stored with the type's key: a TaggedType holds functions, which do not pickle.
    found = fragment(
        key,
        lambda: [
            {**section, "type": section["type"].key}
            for section in find_topic_sections(topic=topic, tags=tags, request=request, size=size)
        ],
    )
    return [
        {**section, "type": types[section["type"]]} for section in found if section["type"] in types
    ]


def find_topic_sections(*, topic, tags, request, size=TOPIC_SECTION_SIZE):
    """For each tagged type but topics: up to ``size`` items sharing one of the topic's tags
    (practices: or linked to the topic) and the total, with the first tag's page as "see
    all". One or two queries per type (plus its prefetches) whatever the number of items or
    tags."""
    sections = []
    for tagged in tagged_types():
        if tagged.key == "topics":
            continue
        if tagged.key == "practices":
            linked = PracticePage.topics.through.objects.filter(
                researchtopicpage__translation_key=topic.translation_key
            ).values("practicepage_id")
            items = practice_list().filter(Q(pk__in=linked) | _tagged_with_any(PracticeTag, tags))
            items = items.for_cards()
        elif tags:
            items = tagged.queryset_for_any_tag(tags, request)
        else:
            continue
        if tagged.key in CARD_TAGS_TOGETHER:
            # Their tags come below, all in one query.
            items = items.prefetch_related(None)
        found, count = _first_with_total(items, size)
        if not count:
            continue
        sections.append(
            {
                "type": tagged,
                "items": found,
                "count": count,
                "see_all_tag": tags[0] if tags else None,
            }
        )
    prefetch_card_tags(
        [
            item
            for section in sections
            if section["type"].key in CARD_TAGS_TOGETHER
            for item in section["items"]
        ]
    )
    return sections


def practices_of(user):
    """The practices a user wrote or co-authors, latest draft title and moderation state."""
    return with_moderation_state(PracticePage.objects.authored_by(user)).order_by(
        "-latest_revision_created_at", "-pk"
    )


def latest_practices(limit=HOME_PRACTICES):
    return list(practice_list().for_cards()[:limit])


def featured_topics(limit=HOME_TOPICS):
    return list(topic_list()[:limit])


def latest_news(limit=5):
    return list(news_list()[:limit])
