"""Query counts of the directory, a profile and the dashboard do not grow with the number of
members."""

from django.urls import reverse

import pytest

from community.models import ContactRequest, Follow
from portal.models import Tag
from tests.querycounts import assert_constant_queries

from .conftest import image_upload

pytestmark = pytest.mark.django_db

TAGS = ["coffee", "logistics", "tourism", "software", "energy"]


def add_members(make_profile, start, count):
    from community.services import profile_save_photo

    for i in range(start, start + count):
        profile = make_profile(
            f"m{i}",
            visibility="public",
            expertise=[TAGS[i % 5], TAGS[(i + 1) % 5]],
            seeking=[TAGS[(i + 2) % 5]],
            offering=[TAGS[(i + 3) % 5]],
            country="CO",
        )
        if i % 3 == 0:
            profile_save_photo(profile=profile, upload=image_upload())
            profile.save()


@pytest.fixture
def me(make_profile):
    me = make_profile("me", expertise=["coffee", "logistics"], seeking=["software"], country="CO")
    Follow.objects.create(user=me.user, tag=Tag.objects.get(name="coffee"))
    return me


# The site chrome (session, user, admin user bar permissions, site settings, main menu) costs six.
@pytest.mark.parametrize(
    ("name", "args", "query", "most"),
    [
        ("community:directory", [], "", 12),
        ("community:directory", [], "?tag=coffee", 13),
        ("community:profile", ["m0"], "", 10),
        # Every app's dashboard section (sections.py) adds its own queries; the community's
        # share one profile load (it was loaded three times, with a query per tag).
        # +8: the sections of discussions (1), support (2) and joint projects (1), each a few queries
        # costs4: 33, the initiatives the member manages and whether their email is verified
        # read once per request (portal.managed_pages.memoise_for_request), the welcome's
        # profile reused, the matching counts its candidates in its tag-frequency query.
        ("community:dashboard", [], "", 33),
        ("community:inbox", [], "", 10),
    ],
)
def test_query_counts_do_not_grow(client, me, make_profile, name, args, query, most):
    add_members(make_profile, 0, 5)
    for i in range(3):
        sender = make_profile(f"sender{i}").user
        ContactRequest.objects.create(sender=sender, recipient=me.user, subject="s", message="m")
    client.force_login(me.user)
    assert_constant_queries(
        client,
        reverse(name, args=args) + query,
        grow=lambda: add_members(make_profile, 5, 30),
        most=most,
    )


def test_anonymous_directory_query_count(client, make_profile):
    add_members(make_profile, 0, 4)
    assert_constant_queries(
        client,
        reverse("community:directory"),
        grow=lambda: add_members(make_profile, 4, 20),
        most=0,  # eng5: the count, the countries and the cards are kept (were 8 queries)
    )


def test_with_tags_reads_the_three_tag_relations_in_one_query(
    make_profile, django_assert_num_queries
):
    from community.models import MemberProfile

    make_profile("a", expertise=["coffee", "energy"], seeking=["software"], offering=[])
    make_profile("b", expertise=[], seeking=["tourism"], offering=["logistics", "coffee"])
    # The profiles (user joined), then one union of the three through tables; no photos.
    with django_assert_num_queries(2):
        profiles = {p.user.username: p for p in MemberProfile.objects.with_tags()}
        tags = {
            name: (
                [t.name for t in p.expertise_tags],
                [t.name for t in p.seeking_tags],
                [t.name for t in p.offering_tags],
            )
            for name, p in profiles.items()
        }
    assert tags == {
        "a": (["coffee", "energy"], ["software"], []),
        "b": ([], ["tourism"], ["logistics", "coffee"]),
    }
