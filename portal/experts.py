"""Members who could answer a question on some tags (technical support suggests them to staff
and to the members themselves), found by the app that knows members' expertise, without
importing it::

    @hooks.register("register_expert_finder")
    def member_experts():
        return ExpertFinder(
            find=lambda tags, *, limit=5, exclude_user_ids=(): [
                ExpertSuggestion(user=profile.user, reasons=["Expertise: coffee"]), ...
            ],
            member_tags=lambda user: [...],  # the tags a member offers or works on
        )

``find(tags, *, limit=5, exclude_user_ids=())`` returns at most ``limit``
:class:`ExpertSuggestion`, best first, each with the reasons in the active language;
``member_tags(user)`` the tags ``user`` works on or offers (for "requests you could help
with"). Both cost a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class ExpertSuggestion:
    user: object
    reasons: list = field(default_factory=list)


@dataclass(frozen=True)
class ExpertFinder:
    find: Callable
    member_tags: Callable | None = None


def _finders():
    return [fn() for fn in hooks.get_hooks("register_expert_finder")]


def find_experts(tags, *, limit=5, exclude_user_ids=()):
    """Experts on ``tags`` from every registered finder, each user once, at most ``limit``."""
    tags = list(tags)
    if not tags:
        return []
    found, seen = [], set()
    for finder in _finders():
        for suggestion in finder.find(tags, limit=limit, exclude_user_ids=exclude_user_ids):
            if suggestion.user.pk not in seen:
                seen.add(suggestion.user.pk)
                found.append(suggestion)
    return found[:limit]


def expert_tags(user):
    """The tags ``user`` works on or offers, from every finder that knows them."""
    if user is None or not user.is_authenticated:
        return []
    tags = []
    for finder in _finders():
        if finder.member_tags is not None:
            tags.extend(t for t in finder.member_tags(user) if t not in tags)
    return tags
