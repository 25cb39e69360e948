"""Reads of technical support (keyword-only arguments)."""

import statistics
from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch

from .models import OPEN_STATES, State, SupportRequest, SupportRequestTag, Volunteer

#: What a card or a list row shows, in a fixed number of queries.
TAGS_PREFETCH = Prefetch("tagged_items", SupportRequestTag.objects.select_related("tag"))


def request_list_of(*, user, limit=10):
    """The requests ``user`` asked, newest first."""
    return list(
        SupportRequest.objects.filter(requester=user)
        .select_related("initiative", "assignee__profile")
        .order_by("-created_at", "-pk")[:limit]
    )


def request_get(*, pk, user):
    """The request if ``user`` may read it (requester, assignee, staff), else ``None``."""
    return (
        SupportRequest.objects.readable_by(user)
        .select_related(
            "requester__profile", "assignee__profile", "initiative", "topic", "practice"
        )
        .prefetch_related(TAGS_PREFETCH)
        .filter(pk=pk)
        .first()
    )


def request_events(*, support_request):
    return list(support_request.events.select_related("actor__profile", "assignee__profile"))


def requests_to_help_with(*, user, tags, limit=5):
    """Open requests carrying one of ``tags`` (the member's expertise and offering), not
    their own nor already assigned to them, with whether they volunteered."""
    if not tags:
        return []
    return list(
        SupportRequest.objects.filter(
            state__in=[State.NEW, State.ASSIGNED],
            pk__in=SupportRequestTag.objects.filter(tag__in=tags).values("content_object"),
        )
        .exclude(requester=user)
        .exclude(assignee=user)
        .annotate(volunteered=Exists(Volunteer.objects.filter(request=OuterRef("pk"), user=user)))
        .select_related("initiative")
        .prefetch_related(TAGS_PREFETCH)
        .order_by("-created_at", "-pk")[:limit]
    )


def assigned_to(*, user, limit=10):
    return list(
        SupportRequest.objects.filter(assignee=user, state__in=OPEN_STATES)
        .select_related("initiative")
        .order_by("due_date", "-created_at")[:limit]
    )


def published_list(*, tag=None, topic=None):
    qs = SupportRequest.objects.published().select_related("topic").prefetch_related(TAGS_PREFETCH)
    if tag is not None:
        qs = qs.filter(pk__in=SupportRequestTag.objects.filter(tag=tag).values("content_object"))
    if topic is not None:
        qs = qs.filter(topic=topic)
    return qs.order_by("-published_at", "-pk")


def published_get(*, pk):
    return (
        SupportRequest.objects.published()
        .select_related("topic", "practice")
        .prefetch_related(TAGS_PREFETCH)
        .filter(pk=pk)
        .first()
    )


def latest_answers(*, limit=3):
    """The newest published questions and answers, with their tags (two queries)."""
    return list(
        SupportRequest.objects.published()
        .prefetch_related(TAGS_PREFETCH)
        .only("pk", "title", "answer", "language", "published_at")
        .order_by("-published_at", "-pk")[:limit]
    )


def topic_answers(*, topic, limit=5):
    """Published questions and answers of a research topic (one query)."""
    return list(
        SupportRequest.objects.published()
        .filter(topic=topic)
        .only("pk", "title", "language", "published_at")
        .order_by("-published_at", "-pk")[:limit]
    )


def _median_hours(deltas):
    if not deltas:
        return None
    return round(statistics.median(d.total_seconds() / 3600 for d in deltas), 1)


def figures():
    """Open requests, median hours to first response and to close, overall and by topic
    (one query)."""
    rows = SupportRequest.objects.values_list(
        "state", "created_at", "first_response_at", "closed_at", "topic_id", "topic__title"
    )
    groups = defaultdict(lambda: {"open": 0, "total": 0, "first": [], "close": []})
    names = {}
    for state, created, first, closed, topic_id, topic_title in rows:
        names[topic_id] = topic_title
        for key in ("all", topic_id):
            group = groups[key]
            group["total"] += 1
            group["open"] += state in OPEN_STATES
            if first:
                group["first"].append(first - created)
            if closed:
                group["close"].append(closed - created)

    def summary(group):
        return {
            "open": group["open"],
            "total": group["total"],
            "first_response_hours": _median_hours(group["first"]),
            "close_hours": _median_hours(group["close"]),
        }

    overall = (
        summary(groups.pop("all"))
        if "all" in groups
        else summary({"open": 0, "total": 0, "first": [], "close": []})
    )
    by_topic = sorted(
        ({"topic": names[key] or "", **summary(group)} for key, group in groups.items()),
        key=lambda row: (row["topic"] == "", row["topic"].lower()),
    )
    return {"overall": overall, "by_topic": by_topic}


def counts_by_topic_and_state():
    """``{topic title or "": {state: n}}`` for the observatory (one query)."""
    from django.db.models import Count

    table = defaultdict(dict)
    for row in SupportRequest.objects.values("topic__title", "state").annotate(n=Count("pk")):
        table[row["topic__title"] or ""][row["state"]] = row["n"]
    return table
