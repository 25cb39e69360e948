"""What a page costs in queries, for every page type of the portal and the registry: the same
number with 20 and with 200 initiatives (their tags, sectors and tag links grow with them),
anonymous and signed in, under a ceiling (tests/querycounts.py).

The ceilings are today's counts, under the issue's 12. Routing takes one query for the page
(the site, the home page and the path's pages come from the shared cache: portal/routing.py)
and the page's translations one more for the language switcher; what every visitor of a kind
shares (home sections, related content, tag pages, search, facets, the menu) comes from the
shared fragments of portal.page_cache once warm; a signed-in visitor costs 4 more (session,
user, two permission queries for the "Administration" link)."""

import io
import random
from decimal import Decimal

from django.urls import reverse

import pytest

from portal.bulk_pages import SYNTHETIC_TAG_NAMES
from portal.models import StandardPage
from registry.demo import synthetic
from registry.services import index_pages_ensure
from tests.factories.registry import InitiativePageFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db

SIGNED_IN_EXTRA = 4


def grow(index_page, count):
    """Brings the number of synthetic initiatives (tagged, with sectors and places) up to
    ``count``."""
    synthetic(index=index_page, count=count, rng=random.Random(1), stdout=io.StringIO())


@pytest.fixture
def index_page(home_page):
    return index_pages_ensure()


@pytest.fixture
def registry(index_page):
    """A tagged initiative with a place and a sector, among 20 synthetic ones."""
    page = InitiativePageFactory(
        parent=index_page,
        title="Sample Cluster",
        slug="sample-cluster",
        tags=[SYNTHETIC_TAG_NAMES[0], SYNTHETIC_TAG_NAMES[1]],
        sectors=["62"],
        latitude=Decimal("6.2"),
        longitude=Decimal("-75.5"),
    )
    page.save_revision().publish()
    page.refresh_from_db()
    grow(index_page, 20)
    return page


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, client, member):
    if request.param == "signed in":
        client.force_login(member)
        return client, True
    return client, False


def check(visitor, index_page, url, most, *, signed_in_extra=SIGNED_IN_EXTRA, grow_with=None):
    """``url`` costs the same with 20 and 200 initiatives (or before and after what
    ``grow_with()`` adds), at most ``most`` queries for an anonymous visitor and
    ``signed_in_extra`` more for a member."""
    client, signed_in = visitor
    extra = signed_in_extra if signed_in else 0
    grow_with = grow_with or (lambda: grow(index_page, 200))
    return assert_constant_queries(client, url, grow=grow_with, most=most + extra)


def grow_related(home_page, count):
    """Brings the good practices and news carrying the sample's first tag up to ``count``
    each: the related content of the initiative page and the other groups of the tag page."""
    from knowledge.models import NewsIndexPage, NewsPage, PracticeIndexPage, PracticePage
    from tests.factories.knowledge import (
        NewsIndexPageFactory,
        NewsPageFactory,
        PracticeIndexPageFactory,
        PracticePageFactory,
    )

    for index_model, index_factory, model, factory in (
        (PracticeIndexPage, PracticeIndexPageFactory, PracticePage, PracticePageFactory),
        (NewsIndexPage, NewsIndexPageFactory, NewsPage, NewsPageFactory),
    ):
        index = index_model.objects.filter(locale=home_page.locale).first()
        if index is None:
            index = index_factory(parent=home_page)
        for _number in range(count - model.objects.count()):
            factory(parent=index, tags=[SYNTHETIC_TAG_NAMES[0]])


def grow_all(index_page, home_page, count):
    grow(index_page, count)
    grow_related(home_page, count // 10)


def tag_slug():
    from portal.models import Tag

    return Tag.objects.get(name=SYNTHETIC_TAG_NAMES[0]).slug


# The ceilings: what each page costs anonymously with this data (the other apps' sections of
# the home page and related content of the initiative page included, as they are today).


def test_home(visitor, index_page, registry):
    check(
        visitor, index_page, "/", most=4
    )  # +1: the latest discussions, +1: the latest joint projects


def test_home_in_spanish(visitor, index_page, registry):
    check(
        visitor, index_page, "/es/", most=4
    )  # +1: the latest discussions, +1: the latest joint projects


def test_standard_page(visitor, index_page, registry, home_page):
    about = home_page.add_child(instance=StandardPage(title="About", slug="about", intro="Hi"))
    about.save_revision().publish()
    check(visitor, index_page, "/about/", most=4)


def test_registry_list(visitor, index_page, registry):
    """Cards, pagination and facets come from shared fragments; the count from the cache."""
    check(visitor, index_page, reverse("wagtail_serve", args=["initiatives/"]), most=3)


def test_registry_list_filtered(visitor, index_page, registry):
    url = reverse("wagtail_serve", args=["initiatives/"]) + f"?country=CO&tag={tag_slug()}"
    check(visitor, index_page, url, most=3)


def test_initiative_page(visitor, index_page, registry, home_page):
    """Related practices and news grow too. A member also gets the follow button, the claim
    check and the contact form's link."""
    grow_related(home_page, 2)
    check(
        visitor,
        index_page,
        registry.url,
        # The header, main column (related content, other apps' sections) and the managers
        # come from shared fragments: routing and the layout only.
        most=3,
        signed_in_extra=7,  # member-only parts of the initiative page (see the docstring)
        grow_with=lambda: grow_all(index_page, home_page, 200),
    )


def test_map_layer(visitor, index_page, registry):
    """No layout: neither the session nor the user is read (a member costs nothing more);
    the layer itself is kept in the shared cache (``registry.selectors.map_layer``)."""
    check(visitor, index_page, reverse("registry:map_geojson"), most=0, signed_in_extra=0)


def test_tag_index(visitor, index_page, registry):
    check(visitor, index_page, reverse("portal:tag_index"), most=0)


def test_tag_page(visitor, index_page, registry, home_page):
    """The tag and its groups (one query for the counts of every kind, then the items of the
    kinds that have some) come from the shared cache once warm."""
    grow_related(home_page, 2)
    check(
        visitor,
        index_page,
        reverse("portal:tag", args=[tag_slug()]),
        most=0,
        signed_in_extra=5,
        grow_with=lambda: grow_all(index_page, home_page, 200),
    )


def test_search(visitor, index_page, registry):
    check(
        visitor, index_page, reverse("portal:search") + "?q=synthetic", most=1
    )  # +1: the count of the discussions facet


# --- costs4: the member's dashboard (every app's section), 20 then 200 initiatives ---


def test_dashboard(client, member, index_page, registry):
    """Signed in only. The sections share the member's profile, the initiatives they manage
    and whether their email is verified (read once per request); the initiatives suggested to
    them are ranked in SQL, so their number does not count. 34 with suggested initiatives
    (tests/community/test_queries.py: 33 without, 42 before costs4)."""
    from community.models import MemberProfile
    from tests.factories.community import MemberProfileFactory

    MemberProfile.objects.filter(user=member).delete()
    MemberProfileFactory(
        user=member, expertise=list(SYNTHETIC_TAG_NAMES[:2]), offering=[SYNTHETIC_TAG_NAMES[2]]
    )
    client.force_login(member)
    assert_constant_queries(
        client, reverse("community:dashboard"), grow=lambda: grow(index_page, 200), most=34
    )


# --- end costs4 ---
