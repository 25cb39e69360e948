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
