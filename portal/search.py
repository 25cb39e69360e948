"""The plain-text query every search box and ``q``/``search`` parameter hands to Wagtail's
search backend (knowledge's site search and listings, the registry's filter, the API)."""

import re

MAX_QUERY_LENGTH = 200
# Characters that some backends read as query syntax (FTS5, Lucene): kept out of the plain
# text query so that "C++", 'foo"' or "a:(b" never break the search (a lone " is an
# "unterminated string" to SQLite's FTS5, a 500 before this).
_SYNTAX = re.compile(r"[\"'`*^~:(){}\[\]<>\\/|&!+=?@#$%;\x00]+")
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
