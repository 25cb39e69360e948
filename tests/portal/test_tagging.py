"""``TaggedType.items_for_any_tag``: a type's own ``items_for_tags``, else the OR of its
``items_for_tag`` querysets (portal/tagging.py)."""

import dataclasses

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

import pytest

from portal.models import Tag
from portal.tagging import TaggedType, tagged_type
from registry.models import InitiativePage
from registry.services import index_pages_ensure
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


@pytest.fixture
def initiatives(home_page):
    index = index_pages_ensure()
    pages = {}
    for title, tags in [
        ("Alpha", ["coffee"]),
        ("Beta", ["cocoa", "coffee"]),
        ("Gamma", ["cocoa"]),
        ("Delta", ["tourism"]),
    ]:
        page = InitiativePageFactory(parent=index, title=title, tags=tags)
        page.save_revision().publish()
        pages[title] = page
    return pages


def titles(items):
    return [item.title for item in items]


def test_the_fallback_ors_the_tags_and_lists_each_item_once(initiatives, request_):
    fallback = dataclasses.replace(tagged_type("initiatives"), items_for_tags=None)
    tags = list(Tag.objects.filter(name__in=["coffee", "cocoa"]))
    assert sorted(titles(fallback.items_for_any_tag(tags, request_, limit=10))) == [
        "Alpha",
        "Beta",
        "Gamma",
    ]
    assert len(fallback.items_for_any_tag(tags, request_, limit=2)) == 2


def test_a_type_s_own_items_for_tags_answers_the_same(initiatives, request_):
    initiatives_type = tagged_type("initiatives")
    assert initiatives_type.items_for_tags is not None
    fallback = dataclasses.replace(initiatives_type, items_for_tags=None)
    tags = list(Tag.objects.filter(name__in=["coffee", "cocoa"]))
    own = initiatives_type.items_for_any_tag(tags, request_, limit=10)
    assert titles(own) == ["Alpha", "Beta", "Gamma"]  # by title, each once
    assert sorted(titles(own)) == sorted(
        titles(fallback.items_for_any_tag(tags, request_, limit=10))
    )
    assert titles(initiatives_type.items_for_any_tag(tags, request_, limit=1)) == ["Alpha"]


def test_items_for_tags_is_called_with_the_tags_and_the_request_then_limited(request_):
    calls = []

    def items_for_tags(tags, request):
        calls.append((tags, request))
        return ["one", "two", "three", "four"]

    kind = TaggedType(
        key="things",
        label="Things",
        order=1,
        items_for_tag=lambda tag, request: pytest.fail("the fallback is not used"),
        card_template="",
        items_for_tags=items_for_tags,
    )
    tag = Tag(name="x", slug="x")
    assert kind.items_for_any_tag((tag,), request_, limit=3) == ["one", "two", "three"]
    assert calls == [([tag], request_)]
    assert kind.items_for_any_tag([], request_, limit=3) == []
    assert len(calls) == 1


def test_hidden_initiatives_are_left_out(initiatives, request_):
    initiatives["Beta"].unpublish()
    tags = list(Tag.objects.filter(name__in=["coffee", "cocoa"]))
    assert titles(tagged_type("initiatives").items_for_any_tag(tags, request_, limit=10)) == [
        "Alpha",
        "Gamma",
    ]
    assert InitiativePage.objects.filter(title="Beta").exists()
