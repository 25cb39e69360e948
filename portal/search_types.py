"""The kinds of content the site search (``portal:search``) offers as facets: the tagged
types that declare how they are searched (``TaggedType.search_models`` or ``.search``, see
portal/tagging.py), in their order, then the portal's own plain pages. No list to keep in
step by hand: a new tagged type joins the search by saying how.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from .tagging import tagged_types


@dataclass(frozen=True)
class SearchType:
    key: str
    label: str
    order: int
    # Page types searched in one backend query with the other pages (facet counts by
    # content type) ...
    page_models: tuple = ()
    # ... or, for content that is not a page: search(query, request) -> queryset.
    search: object = None

    @cached_property
    def content_type_ids(self):
        if not self.page_models:
            return []
        # ContentType's manager caches these: no query once warm.
        return [ct.pk for ct in ContentType.objects.get_for_models(*self.page_models).values()]


def search_types():
    from .models import StandardPage

    types = [
        SearchType(t.key, t.label, t.order, page_models=tuple(t.search_models), search=t.search)
        for t in tagged_types()
        if t.search_models or t.search is not None
    ]
    types.append(SearchType("pages", _("Pages"), 70, page_models=(StandardPage,)))
    return types
