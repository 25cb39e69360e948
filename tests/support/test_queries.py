"""The support pages cost as many queries with 30 requests as with 3 (tests/querycounts.py)."""

import itertools

from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from support.models import SupportEvent
from support.wagtail_hooks import help_section, my_requests_section
from tests.factories.support import SupportRequestFactory, published_answer
from tests.querycounts import assert_constant_queries, assert_constant_queries_of

pytestmark = pytest.mark.django_db
COUNTER = itertools.count()


@pytest.fixture
def grow_requests(manager, initiative, topic):
    def grow(n=27, **kwargs):
        def add():
            for _ in range(n):
                SupportRequestFactory(
                    requester=manager,
                    initiative=initiative,
                    topic=topic,
                    title=f"Request {next(COUNTER)}",
                    tags=["coffee", f"t{next(COUNTER)}"],
                    **kwargs,
                )

        return add

    return grow


def test_support_index(client, manager, grow_requests, initiative):
    grow_requests(3)()
    published_answer(requester=manager, initiative=initiative, tags=["coffee"])
    client.force_login(manager)
    assert_constant_queries(client, "/support/", grow=grow_requests(), most=12)


def test_answers_list(client, manager, initiative):
    def add(n):
        def grow():
            for _ in range(n):
                published_answer(
                    requester=manager, initiative=initiative, tags=["coffee", f"x{next(COUNTER)}"]
                )

        return grow

    add(3)()
    assert_constant_queries(client, "/support/answers/", grow=add(27), most=12)
    assert_constant_queries(client, "/support/answers/?tag=coffee", grow=add(5), most=12)


def test_answer_page(client, manager, initiative, topic):
    item = published_answer(requester=manager, initiative=initiative, topic=topic, tags=["a"])

    def grow():
        for _ in range(10):
            item.tags.add(f"tag{next(COUNTER)}")
        item.save()

    assert_constant_queries(client, f"/support/answers/{item.pk}/", grow=grow, most=12)


def test_request_page(client, manager, initiative, moderator):
    item = SupportRequestFactory(requester=manager, initiative=initiative, tags=["coffee"])

    def grow():
        for _ in range(20):
            SupportEvent.objects.create(
                request=item,
                actor=moderator,
                from_state="new",
                to_state="assigned",
                assignee=moderator,
            )

    client.force_login(manager)
    assert_constant_queries(client, f"/support/requests/{item.pk}/", grow=grow, most=12)


def test_ask_form(client, manager, initiative, home_page):
    from registry.models import InitiativeManager
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    def grow():
        for _ in range(10):
            page = InitiativePageFactory(parent=index_pages_ensure())
            InitiativeManager.objects.create(page=page, user=manager)

    client.force_login(manager)
    assert_constant_queries(client, "/support/ask/", grow=grow, most=12)


def test_dashboard_sections(manager, expert, grow_requests):
    grow_requests(3)()

    def render(section, user):
        request = RequestFactory().get("/dashboard/")
        request.user = user
        return lambda: render_to_string(section.template, section.get_context(request))

    mine = my_requests_section()
    helping = help_section()
    assert_constant_queries_of(render(mine, manager), grow=grow_requests(), most=3)
    assert_constant_queries_of(render(helping, expert), grow=grow_requests(), most=5)
