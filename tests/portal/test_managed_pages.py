"""Rights that follow from managing a page are asked through portal/managed_pages.py."""

from wagtail import hooks

import pytest

from portal.managed_pages import (
    ManagedPages,
    managed_page_ids,
    managed_page_model,
    page_managers,
)
from portal.models import StandardPage


@pytest.mark.django_db
def test_every_registered_app_answers(member, other_member, home_page):
    def glossary():
        return ManagedPages(
            key="glossary",
            model=StandardPage,
            page_ids=lambda user, live_only: [home_page.pk] if user == member else [],
            managers=lambda page: [member] if page == home_page else [],
        )

    assert managed_page_ids(member) == set()
    with hooks.register_temporarily("register_managed_pages", glossary):
        assert managed_page_ids(member) == {home_page.pk}
        assert managed_page_ids(other_member) == set()
        assert page_managers(home_page) == [member]
        assert managed_page_model("glossary") is StandardPage


@pytest.mark.django_db
def test_the_registry_answers_with_its_managers(member, home_page):
    from registry.models import InitiativeManager
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    index = InitiativeIndexPageFactory(parent=home_page)
    live = InitiativePageFactory(parent=index)
    draft = InitiativePageFactory(parent=index, live=False)
    for page in (live, draft):
        InitiativeManager.objects.create(page=page, user=member)

    assert managed_page_ids(member) == {live.pk, draft.pk}
    assert managed_page_ids(member, live_only=True) == {live.pk}
    assert page_managers(live) == [member]
    assert managed_page_model("initiatives") is type(live)


def test_anonymous_visitors_manage_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert managed_page_ids(AnonymousUser()) == set()


# --- costs4: read once per request ---


@pytest.mark.django_db
def test_a_request_reads_the_managed_pages_and_the_verification_once(member, home_page):
    """With the memo on (pages that gather sections of several apps), the live and all
    managed pages come from one query, the email verification from one more; the answers are
    those without the memo."""
    from django.test import RequestFactory

    from accounts.permissions import user_is_verified
    from portal.managed_pages import memoise_for_request, memoised_managed_pages
    from registry.models import InitiativeManager
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory
    from tests.querycounts import captured_queries

    index = InitiativeIndexPageFactory(parent=home_page)
    live = InitiativePageFactory(parent=index, title="Live one")
    draft = InitiativePageFactory(parent=index, live=False)
    for page in (live, draft):
        InitiativeManager.objects.create(page=page, user=member)
    expected = (managed_page_ids(member), managed_page_ids(member, live_only=True))
    verified = user_is_verified(member)

    request = RequestFactory().get("/")
    request.user = member
    assert memoised_managed_pages(member) is None  # off unless a page turns it on
    memoise_for_request(request)

    def ask():
        return (
            managed_page_ids(request.user),
            managed_page_ids(request.user, live_only=True),
            managed_page_ids(request.user),
            user_is_verified(request.user),
            user_is_verified(request.user),
        )

    answers, queries = captured_queries(ask)
    assert answers == (expected[0], expected[1], expected[0], verified, verified)
    assert len(queries) == 2
    assert memoised_managed_pages(member)[live.pk] == (True, "Live one")
    _again, queries = captured_queries(ask)
    assert queries == []
