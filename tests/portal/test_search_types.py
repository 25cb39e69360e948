"""The site search's facets come from the tagged types that say how they are searched, then
the portal's plain pages: no second list to keep in step."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

import pytest

from portal.models import StandardPage
from portal.search_types import search_types
from portal.tagging import TaggedType


def keys():
    return [t.key for t in search_types()]


def test_the_facets_are_the_searchable_tagged_types_in_their_order_then_pages():
    assert keys() == [
        "initiatives",
        "practices",
        "topics",
        "events",
        "support-answers",
        "discussions",
        "projects",
        "news",
        "members",
        "pages",
    ]


@pytest.mark.django_db
def test_a_tagged_type_joins_the_search_by_saying_how():
    def glossary():
        return TaggedType(
            key="glossary",
            label=_("Glossary"),
            order=65,
            items_for_tag=lambda tag, request: StandardPage.objects.none(),
            card_template="",
            search_models=(StandardPage,),
        )

    def unsearched():
        return TaggedType(
            key="unsearched",
            label="Unsearched",
            order=66,
            items_for_tag=lambda tag, request: StandardPage.objects.none(),
            card_template="",
        )

    with (
        hooks.register_temporarily("register_tagged_type", glossary),
        hooks.register_temporarily("register_tagged_type", unsearched),
    ):
        types = {t.key: t for t in search_types()}
    assert list(types)[-2:] == ["glossary", "pages"]
    assert "unsearched" not in types
    assert types["glossary"].content_type_ids == types["pages"].content_type_ids
    assert types["members"].search is not None and types["members"].content_type_ids == []
