"""Reads: listings, the topic page's sections, the tag index, the dashboard."""

import operator
from functools import reduce

from django.db.models import Q

from portal.i18n import localized
from portal.moderation import with_moderation_state
from portal.tagging import tagged_types

from .models import NewsPage, PracticePage, ResearchTopicPage
from .models.base import live_public

TOPIC_SECTION_SIZE = 6
HOME_PRACTICES = 6
HOME_TOPICS = 8


def practice_list():
    """Live, public practices in the visitor's locale (``PracticeFilterSet`` narrows and
    orders them for ``/practices/``)."""
    return localized(live_public(PracticePage.objects.all()))


def topic_list():
    """Live, public research topics in the visitor's locale, by title."""
    return (
        localized(live_public(ResearchTopicPage.objects.all()))
        .prefetch_related("tagged_items__tag")
        .order_by("title")
    )


def news_list():
    """Live, public news in the visitor's locale, latest first."""
    return (
        localized(live_public(NewsPage.objects.all()))
        .select_related("image")
        .prefetch_related("tagged_items__tag")
        .order_by("-date", "-pk")
    )


def _union(querysets):
    querysets = [qs for qs in querysets if qs is not None]
    if not querysets:
        return None
    if len(querysets) == 1:
        return querysets[0]
    try:
        return reduce(operator.or_, querysets).distinct()
    except (TypeError, AssertionError, ValueError):
        return querysets[0]


def topic_sections(*, topic, tags, request, size=TOPIC_SECTION_SIZE):
    """For each tagged type but topics: up to ``size`` items sharing one of the topic's tags
    and the total, with the first tag's page as "see all". Two queries per type whatever the
    number of items."""
    sections = []
    for tagged in tagged_types():
        if tagged.key == "topics":
            continue
        if tagged.key == "practices":
            items = (
                localized(live_public(PracticePage.objects.all()))
                .filter(
                    Q(topics__translation_key=topic.translation_key) | Q(tagged_items__tag__in=tags)
                )
                .distinct()
                .for_cards()
            )
        elif tags:
            items = _union([tagged.items_for_tag(tag, request) for tag in tags])
        else:
            items = None
        if items is None:
            continue
        count = items.count()
        if not count:
            continue
        sections.append(
            {
                "type": tagged,
                "items": list(items[:size]),
                "count": count,
                "see_all_tag": tags[0] if tags else None,
            }
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
