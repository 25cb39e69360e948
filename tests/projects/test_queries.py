"""Query counts of the project pages and sections, the same with few and many projects."""

import itertools

from django.urls import reverse

import pytest

from projects.selectors import initiative_projects, suggestions
from tests.factories.projects import PartnerInterestFactory, ProjectPartnerFactory
from tests.querycounts import assert_constant_queries, assert_constant_queries_of

pytestmark = pytest.mark.django_db

counter = itertools.count()
# Pages: at most 12 queries. A signed-in visitor adds four that every page of the site costs
# (session, user, and the two permission queries of the base template's menu) and two of the
# project page (the initiatives they manage, the interest in the call: the lead's list or
# their own).
MOST = 12
SIGNED_IN_EXTRA = 6
# eng5: an anonymous visitor's index and project page read the kept cards and parts (the page,
# its parents' route, the translations' links): three queries.
ANONYMOUS_MOST = 3


@pytest.fixture
def grow(make_project, make_initiative, lead, partner_initiative, make_user):
    """Adds projects with tags, confirmed partners (with coordinates) and pending interest."""

    def add(count=8):
        for _ in range(count):
            n = next(counter)
            partner = make_initiative(title=f"Partner {n}", slug=f"partner-{n}")
            project = make_project(
                title=f"Project {n}",
                slug=f"grown-{n}",
                lead_initiative=lead,
                tags=["software", f"tag {n}"],
                sought_tags=["export promotion"],
            )
            ProjectPartnerFactory(
                project=project, initiative=partner, confirmed_at="2026-01-01T00:00Z"
            )
            ProjectPartnerFactory(project=project, initiative=partner_initiative)
            PartnerInterestFactory(project=project, user=make_user(username=f"asker{n}"))

    return add


def test_index(client, project_index, grow):
    grow(3)
    assert_constant_queries(client, project_index.url, grow=grow, most=ANONYMOUS_MOST)


def test_project_page_for_visitors_and_the_lead(client, project, grow, lead_manager, make_user):
    def more():
        grow()
        n = next(counter)
        PartnerInterestFactory(project=project, user=make_user(username=f"fan{n}"))

    anonymous = assert_constant_queries(client, project.url, grow=more, most=ANONYMOUS_MOST)
    client.force_login(lead_manager)
    signed_in = assert_constant_queries(client, project.url, grow=more, most=MOST)
    assert signed_in - anonymous <= SIGNED_IN_EXTRA


# --- costs4: the signed-in project page, 3 then 30 partners and interests ---


def add_partners_and_interest(project, make_initiative, make_user, partner_manager, count):
    """``count`` confirmed partners (with places) and ``count`` pending interests in the
    project's call; every other interest comes from the partner initiative's manager's
    colleagues, each on behalf of an initiative."""
    for _ in range(count):
        n = next(counter)
        partner = make_initiative(
            title=f"Partner {n}",
            slug=f"partner-of-project-{n}",
            latitude="4.6",
            longitude="-74.1",
            managers=[partner_manager] if n % 2 else [],
        )
        ProjectPartnerFactory(project=project, initiative=partner, confirmed_at="2026-01-01T00:00Z")
        PartnerInterestFactory(
            project=project,
            user=make_user(username=f"keen{n}"),
            initiative=partner if n % 3 == 0 else None,
        )


@pytest.mark.parametrize("who", ["member", "lead manager", "partner manager"])
def test_signed_in_project_page_costs_twelve_queries(
    client,
    project,
    make_initiative,
    make_user,
    lead_manager,
    partner_manager,
    partner_initiative,
    who,
):
    """What the visitor may do here (lead, partner, member with initiatives to offer) comes from
    one read of the initiatives they manage, shared by the page and the interest form."""
    visitor = {
        "member": make_user(username="plain_member", groups=["Members"]),
        "lead manager": lead_manager,
        "partner manager": partner_manager,
    }[who]
    add_partners_and_interest(project, make_initiative, make_user, partner_manager, 3)
    client.force_login(visitor)
    html = client.get(project.url).content.decode()
    if who == "partner manager":
        assert ">Partner Network</option>" in html  # offered in the interest form, from the memo
    assert_constant_queries(
        client,
        project.url,
        grow=lambda: add_partners_and_interest(
            project, make_initiative, make_user, partner_manager, 27
        ),
        most=MOST,
    )


def test_dashboard_section(partner_manager, lead_manager, grow):
    from django.test import RequestFactory

    from projects.wagtail_hooks import _dashboard_context

    for user in (partner_manager, lead_manager):
        request = RequestFactory().get("/")
        request.user = user
        assert_constant_queries_of(
            lambda request=request: _dashboard_context(request), grow=grow, most=12
        )
    assert_constant_queries_of(lambda: suggestions(user=partner_manager), grow=grow, most=6)


def test_initiative_section_costs_at_most_two_queries(lead, grow):
    grow(2)
    assert_constant_queries_of(lambda: initiative_projects(page=lead), grow=grow, most=2)


def test_open_data(client, grow):
    grow(2)
    assert_constant_queries(client, reverse("projects:json"), grow=grow, most=8)
    assert_constant_queries(client, reverse("projects:csv"), grow=grow, most=8)


def test_the_tag_filter_is_a_text_box_not_a_list_of_every_tag(client, project_index, grow):
    """With a list of every tag the index rendered (and read) 1,000 options at scale."""
    from portal.models import Tag

    grow(2)
    Tag.objects.bulk_create([Tag(name=f"extra {n}", slug=f"extra-{n}") for n in range(50)])
    html = client.get(project_index.url).content.decode()
    assert 'name="tag"' in html
    assert '<select name="tag"' not in html
    assert "extra-7" not in html
    filtered = client.get(project_index.url, {"tag": "software"}).content.decode()
    assert "Project" in filtered and 'value="software"' in filtered
