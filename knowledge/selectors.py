"""Reads: listings, the topic page's sections, the tag index, the dashboard."""

import operator
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from wagtail.models import Page, WorkflowState

from portal.i18n import localized
from portal.models import Tag
from portal.tagging import tagged_types

from .models import NewsPage, PracticePage, ResearchTopicPage
from .models.base import live_public
from .search import search_ids

TOPIC_SECTION_SIZE = 6
HOME_PRACTICES = 6
HOME_TOPICS = 8


def practice_list(*, filters=None):
    """Live, public practices in the visitor's locale, filtered by ``q`` (the search
    backend), ``tag`` (slug), ``sector`` (pk), ``country`` (code) and ``topic`` (pk)."""
    filters = filters or {}
    practices = localized(live_public(PracticePage.objects.all()))
    if filters.get("tag"):
        practices = practices.filter(tagged_items__tag__slug=filters["tag"])
    if filters.get("country"):
        practices = practices.in_country(filters["country"])
    if filters.get("sector"):
        practices = practices.in_sector(filters["sector"])
    if filters.get("topic"):
        topic = ResearchTopicPage.objects.filter(pk=filters["topic"]).first()
        if topic is None:
            return PracticePage.objects.none()
        practices = practices.filter(
            Q(topics__translation_key=topic.translation_key)
            | Q(tagged_items__tag__in=topic.tags.all())
        )
    practices = practices.distinct()
    if filters.get("q"):
        ids = search_ids(live_public(PracticePage.objects.all()), filters["q"])
        practices = practices.filter(pk__in=ids)
    return practices.for_cards()


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


def tag_relations():
    """``(through model, name of its foreign key to Tag)`` for every model that points at the
    shared Tag with a foreign key (the ``<Model>Tag`` through models); the reverse sides of
    the taggable managers (many-to-many) are left out, so no item is counted twice."""
    return [
        (relation.related_model, relation.field.name)
        for relation in Tag._meta.related_objects
        if relation.one_to_many
    ]


def tags_with_usage():
    """Every tag annotated with ``usage``, the number of items carrying it across every
    through model (one query: a correlated count per through model)."""
    usage = Value(0, output_field=IntegerField())
    for through, tag_field in tag_relations():
        counted = (
            through.objects.filter(**{tag_field: OuterRef("pk")})
            .order_by()
            .values(tag_field)
            .annotate(n=Count("pk"))
            .values("n")
        )
        usage = usage + Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    return Tag.objects.annotate(usage=usage).order_by("name")


def practices_of(user):
    """The practices a user wrote or co-authors, latest draft title and moderation state."""
    base_type = ContentType.objects.get_for_model(Page)
    latest_state = WorkflowState.objects.filter(
        base_content_type=base_type,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at", "-pk")
    return (
        PracticePage.objects.authored_by(user)
        .annotate(workflow_status=Subquery(latest_state.values("status")[:1]))
        .order_by("-latest_revision_created_at", "-pk")
    )


def latest_practices(limit=HOME_PRACTICES):
    return list(localized(live_public(PracticePage.objects.all())).for_cards()[:limit])


def featured_topics(limit=HOME_TOPICS):
    return list(
        localized(live_public(ResearchTopicPage.objects.all()))
        .prefetch_related("tagged_items__tag")
        .order_by("title")[:limit]
    )


def latest_news(limit=5):
    return list(
        localized(live_public(NewsPage.objects.all()))
        .prefetch_related("tagged_items__tag")
        .order_by("-date", "-pk")[:limit]
    )
