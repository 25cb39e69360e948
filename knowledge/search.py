"""Site search and the listings' ``q``, all through Wagtail's search backend (the database
backend by default, OpenSearch/Elasticsearch when SEARCH_BACKEND_URL is set)."""

import re

from django.db import DatabaseError

from wagtail.search.backends.base import FilterFieldError, SearchFieldError

MAX_QUERY_LENGTH = 200
MAX_LISTING_MATCHES = 500
# Characters that some backends read as query syntax (FTS5, Lucene): kept out of the plain
# text query so that "C++", 'foo"' or "a:(b" never break the search.
_SYNTAX = re.compile(r"[\"'`*^~:(){}\[\]<>\\/|&!+=?@#$%;]+")
_SPACES = re.compile(r"\s+")


class QueryTooLong(ValueError):
    pass


def normalise_query(raw):
    """The query as the backend gets it: syntax characters replaced by spaces, whitespace
    collapsed. Raises :class:`QueryTooLong` beyond ``MAX_QUERY_LENGTH`` characters."""
    raw = (raw or "").strip()
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryTooLong(raw)
    return _SPACES.sub(" ", _SYNTAX.sub(" ", raw)).strip()


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
