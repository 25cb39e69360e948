"""What support adds to other apps' pages through portal's hooks."""

import pytest

from portal.experts import ExpertFinder, ExpertSuggestion, expert_tags, find_experts
from portal.member_data import member_data
from portal.models import Tag
from portal.observatory import ObservatoryFilters, observatory_charts
from support.models import State
from tests.factories.community import MemberProfileFactory
from tests.factories.support import SupportRequestFactory, published_answer
from tests.querycounts import assert_constant_queries_of

pytestmark = pytest.mark.django_db


def test_experts_are_ranked_with_reasons(make_user):
    coffee, cocoa = Tag.objects.create(name="coffee"), Tag.objects.create(name="cocoa")
    both = make_user(username="both", groups=["Members"])
    MemberProfileFactory(user=both, display_name="Both", expertise=["coffee"], offering=["cocoa"])
    one = make_user(username="one", groups=["Members"])
    MemberProfileFactory(user=one, display_name="One", expertise=["coffee"])
    closed = make_user(username="closed", groups=["Members"])
    MemberProfileFactory(user=closed, expertise=["coffee"], allow_contact=False)
    found = find_experts([coffee, cocoa], limit=5)
    assert [s.user.username for s in found] == ["both", "one"]
    assert found[0].reasons == ["Works on: coffee", "Offers: cocoa"]
    assert find_experts([coffee], exclude_user_ids=[both.pk]) == [
        ExpertSuggestion(user=one, reasons=["Works on: coffee"])
    ]
    assert [t.name for t in expert_tags(both)] == ["cocoa", "coffee"]


def test_finding_experts_costs_a_fixed_number_of_queries(make_user):
    coffee = Tag.objects.create(name="coffee")
    count = iter(range(100))

    def add():
        for _ in range(5):
            user = make_user(username=f"e{next(count)}", groups=["Members"])
            MemberProfileFactory(user=user, expertise=["coffee"], offering=["coffee"])

    add()
    assert_constant_queries_of(lambda: find_experts([coffee], limit=5), grow=add, most=3)


def test_a_registered_finder_is_used(make_user):
    from wagtail import hooks

    someone = make_user(username="someone")
    finder = ExpertFinder(find=lambda tags, **kw: [ExpertSuggestion(someone, ["Because"])])
    with hooks.register_temporarily("register_expert_finder", lambda: finder):
        found = find_experts([Tag(name="x", pk=1)], limit=5)
    assert ExpertSuggestion(someone, ["Because"]) in found


def test_published_answers_are_a_tagged_type(client, manager, initiative):
    public = published_answer(
        requester=manager, initiative=initiative, title="Public Q", tags=["coffee"]
    )
    SupportRequestFactory(
        requester=manager, initiative=initiative, title="Private Q", tags=["coffee"]
    )
    html = client.get("/tags/coffee/").content.decode()
    assert "Public Q" in html
    assert "Private Q" not in html
    html = client.get("/search/?q=Public").content.decode()
    assert "Questions and answers" in html  # a facet of the site search
    html = client.get("/search/?q=Public&type=support-answers").content.decode()
    assert "<mark>Public</mark> Q" in html
    assert f'href="/support/answers/{public.pk}/"' in html
    html = client.get("/search/?q=Private&type=support-answers").content.decode()
    assert "Private Q" not in html


def test_a_tag_only_on_a_private_request_is_not_public(client, manager, initiative):
    SupportRequestFactory(requester=manager, initiative=initiative, tags=["secret-topic"])
    assert client.get("/tags/secret-topic/").status_code == 404


def test_topic_pages_show_their_answers_in_two_queries_at_most(client, manager, initiative, topic):
    from django.test import RequestFactory, override_settings

    from portal.sections import page_sections

    published_answer(requester=manager, initiative=initiative, topic=topic, title="Topic Q")
    topic.refresh_from_db()
    html = client.get(topic.url).content.decode()
    assert "Topic Q" in html
    request = RequestFactory().get(topic.url)
    n = iter(range(100))

    def add():
        for _ in range(5):
            published_answer(
                requester=manager, initiative=initiative, topic=topic, title=f"More {next(n)}"
            )

    # Built (the shared fragment off): at most two queries, whatever the number of answers.
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        assert_constant_queries_of(lambda: page_sections(topic, request), grow=add, most=2)


def test_member_data_covers_requests_and_offers(manager, initiative, member):
    from support.services import volunteer_offer

    item = SupportRequestFactory(requester=manager, initiative=initiative, title="Mine")
    volunteer_offer(support_request=item, user=member, message="I can")
    assert member_data(manager)["support"]["requests"][0]["title"] == "Mine"
    assert member_data(member)["support"]["volunteered"][0]["message"] == "I can"


def test_observatory_chart_counts_by_topic_and_state(manager, initiative, topic):
    SupportRequestFactory(requester=manager, initiative=initiative, topic=topic)
    SupportRequestFactory(requester=manager, initiative=initiative, topic=topic, state=State.CLOSED)
    SupportRequestFactory(requester=manager, initiative=initiative)
    chart = next(c for c in observatory_charts() if c.key == "support-requests-by-topic")
    rows = {row.label: row for row in chart.data(ObservatoryFilters())}
    assert rows["Value chains"].value == 2
    assert rows["Value chains"].values == (1, 0, 0, 0, 1)
    assert rows["No topic"].value == 1
    assert len(chart.series) == 5


def test_dashboard_shows_my_requests_and_what_i_could_help_with(
    client, manager, initiative, expert
):
    SupportRequestFactory(
        requester=manager, initiative=initiative, title="Help on coffee", tags=["coffee"]
    )
    client.force_login(manager)
    html = client.get("/dashboard/").content.decode()
    assert "My support requests" in html and "Help on coffee" in html
    client.force_login(expert)
    html = client.get("/dashboard/").content.decode()
    assert "Support requests you could help with" in html
    assert "Help on coffee" in html
    assert "Why you:" in html and "coffee" in html


def test_volunteering_from_the_dashboard(client, manager, initiative, expert):
    item = SupportRequestFactory(requester=manager, initiative=initiative, tags=["coffee"])
    client.force_login(expert)
    response = client.post(f"/support/requests/{item.pk}/volunteer/", {"message": "Count me in"})
    assert response.status_code == 302
    assert item.volunteers.get().message == "Count me in"
    html = client.get("/dashboard/").content.decode()
    assert "You have offered to answer" in html
