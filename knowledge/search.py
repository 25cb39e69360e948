"""Site search and the listings' ``q``, all through Wagtail's search backend (the database
backend by default, OpenSearch/Elasticsearch when SEARCH_BACKEND_URL is set)."""

from django.db import DatabaseError

from wagtail.search.backends.base import FilterFieldError, SearchFieldError

from portal.search import MAX_QUERY_LENGTH, QueryTooLong, normalise_query

__all__ = ["MAX_QUERY_LENGTH", "QueryTooLong", "normalise_query", "search_ids"]

MAX_LISTING_MATCHES = 500


def search_ids(queryset, raw_query, limit=MAX_LISTING_MATCHES):
    """Primary keys of the objects of ``queryset`` matching the query, best first (listing
    filters then narrow them with the ORM, which works with every backend)."""
    try:
        query = normalise_query(raw_query)
    except QueryTooLong:
        return []
    if not query:
        return []
    try:
        return [obj.pk for obj in queryset.search(query)[:limit]]
    except (DatabaseError, FilterFieldError, SearchFieldError):
        return []
