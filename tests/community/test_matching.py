"""Matching on a hand-made data set where the right order is known."""

from django.utils import translation

import pytest

from community.matching import initiative_suggestions, member_suggestions, suggestions_for
from community.models import Block
from tests.querycounts import assert_constant_queries_of

COMMON = ["logistics", "tourism"]


@pytest.fixture
def dataset(make_profile):
    me = make_profile(
        "me",
        expertise=["coffee", *COMMON],
        seeking=["export promotion"],
        offering=["software"],
        country="CO",
    )
    # Eight members share the two common tags: they say little.
    for i in range(8):
        make_profile(f"filler{i}", expertise=COMMON, country="AR")
    people = {
        "rare": make_profile("rare", expertise=["coffee"], country="PE"),
        "common": make_profile("common", expertise=COMMON, country="AR"),
        "offers": make_profile(
            "offers", expertise=COMMON, offering=["export promotion"], country="AR"
        ),
        "seeks": make_profile("seeks", expertise=COMMON, seeking=["software"], country="AR"),
        "compatriot": make_profile("compatriot", expertise=COMMON, country="CO"),
        "opted_out": make_profile(
            "optedout", expertise=["coffee", *COMMON], allow_contact=False, country="CO"
        ),
        "inactive": make_profile("inactive", expertise=["coffee", *COMMON], user__is_active=False),
        "blocked": make_profile("blocked", expertise=["coffee", *COMMON]),
        "unrelated": make_profile("unrelated", expertise=["mining"], country="CO"),
    }
    Block.objects.create(blocker=people["blocked"].user, blocked=me.user)
    return me, people


def names(suggestions):
    return [s.object.user.username for s in suggestions]


def test_rare_shared_tag_beats_two_common_ones(dataset):
    me, _people = dataset
    ranked = names(member_suggestions(me, limit=20))
    assert ranked.index("rare") < ranked.index("common")


def test_seeking_meets_offering_ranks_up(dataset):
    me, _people = dataset
    ranked = names(member_suggestions(me, limit=20))
    assert ranked.index("offers") < ranked.index("common")
    assert ranked.index("seeks") < ranked.index("common")


def test_same_country_adds_a_bonus(dataset):
    me, _people = dataset
    ranked = names(member_suggestions(me, limit=20))
    assert ranked.index("compatriot") < ranked.index("common")


def test_opted_out_inactive_blocked_unrelated_and_self_never_appear(dataset):
    me, _people = dataset
    ranked = names(member_suggestions(me, limit=100))
    for username in ("optedout", "inactive", "blocked", "unrelated", "me"):
        assert username not in ranked
    # Everyone else connected by a tag is there.
    assert {"rare", "common", "offers", "seeks", "compatriot"} <= set(ranked)


def test_explanations(dataset):
    me, _people = dataset
    by_name = {s.object.user.username: s for s in member_suggestions(me, limit=20)}
    assert by_name["rare"].reasons == ["You both work on: coffee"]
    assert by_name["offers"].reasons == [
        "You both work on: logistics, tourism",
        "They offer what you seek: export promotion",
    ]
    assert "They seek what you offer: software" in by_name["seeks"].reasons
    assert "Same country: Colombia" in by_name["compatriot"].reasons


def test_explanations_are_translated(dataset):
    me, _people = dataset
    with translation.override("es"):
        rare = next(s for s in member_suggestions(me, limit=20) if s.object.user.username == "rare")
        assert rare.reasons == ["Ambos trabajan en: coffee"]
    with translation.override("pt"):
        rare = next(s for s in member_suggestions(me, limit=20) if s.object.user.username == "rare")
        assert rare.reasons == ["Vocês dois trabalham com: coffee"]


def test_a_member_without_tags_gets_no_suggestion(make_profile, dataset):
    empty = make_profile("empty")
    assert member_suggestions(empty) == []


def test_query_count_is_fixed(dataset, make_profile):
    me, _people = dataset

    def grow():
        for i in range(20):
            make_profile(f"more{i}", expertise=["coffee", *COMMON], offering=["export promotion"])

    assert_constant_queries_of(lambda: member_suggestions(me, limit=10), grow=grow, most=8)


@pytest.fixture
def initiatives(dataset, home_page, make_user):
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    index = index_pages_ensure()
    manager = make_user(username="imanager")

    def make(**kwargs):
        tags = kwargs.pop("tags", [])
        seeking = kwargs.pop("seeking", [])
        offering = kwargs.pop("offering", [])
        live = kwargs.pop("live", True)
        page = InitiativePageFactory(parent=index, tags=tags, **kwargs)
        page.seeking_tags.set(seeking)
        page.offering_tags.set(offering)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page

    # Twelve initiatives carry the two common tags.
    for i in range(12):
        make(title=f"Common {i}", tags=COMMON, country="AR")
    return {
        "coffee": make(title="Coffee cluster", tags=["coffee"], country="PE"),
        "common": make(title="Logistics cluster", tags=COMMON, country="AR"),
        "offers": make(
            title="Export network", tags=COMMON, offering=["export promotion"], country="AR"
        ),
        "mine": make(title="My own cluster", tags=["coffee", *COMMON], managers=[dataset[0].user]),
        "draft": make(title="Draft cluster", tags=["coffee"], live=False),
        "unrelated": make(title="Mining cluster", tags=["mining"]),
        "manager": manager,
    }


def test_initiatives_are_ranked_with_reasons(dataset, initiatives):
    me, _people = dataset
    ranked = initiative_suggestions(me, limit=20)
    titles = [s.object.title for s in ranked]
    assert titles.index("Coffee cluster") < titles.index("Logistics cluster")
    assert titles.index("Export network") < titles.index("Logistics cluster")
    for title in ("My own cluster", "Mining cluster", "Draft cluster"):
        assert title not in titles
    export = next(s for s in ranked if s.object.title == "Export network")
    assert "It offers what you seek: export promotion" in export.reasons
    coffee = next(s for s in ranked if s.object.title == "Coffee cluster")
    assert coffee.reasons == ["This initiative works on: coffee"]


def test_suggestions_for_returns_both(dataset, initiatives):
    me, _people = dataset
    found = suggestions_for(me, members=3, initiatives=2)
    assert len(found["members"]) == 3
    assert len(found["initiatives"]) == 2
