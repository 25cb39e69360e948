"""Query counts that do not grow with the data: the one way the suite checks for N+1 queries.

A ceiling measured on an almost empty database proves little (a loop over nothing costs
nothing), so every check counts the same page or call twice, with a small and then a larger
data set, and asserts the same number of queries both times plus a ceiling::

    assert_constant_queries(client, "/initiatives/", grow=lambda: add_initiatives(180), most=17)
    assert_constant_queries_of(lambda: member_suggestions(me), grow=add_members, most=8)
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def captured_queries(call):
    """Run ``call()`` and return (its result, the SQL of the queries it ran)."""
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return result, [query["sql"] for query in captured.captured_queries]


def assert_constant_queries_of(call, *, grow, most):
    """``call()`` runs as many queries before and after ``grow()`` adds data, and at most
    ``most``. Each count follows calls that warm the caches (site root paths, content types,
    renditions, the shared fragments of ``portal.page_cache``): two, since the first request
    of a test may write a row any deployment already has (the site's settings, created with
    their defaults on first read), which starts a new generation of the shared fragments.
    Returns the number of queries."""
    call()
    call()
    _result, small = captured_queries(call)
    grow()
    call()
    call()
    _result, large = captured_queries(call)
    assert len(large) == len(small), (
        f"{len(small)} queries with the small data set, {len(large)} with the large one:\n"
        + "\n".join(large)
    )
    assert len(large) <= most, f"{len(large)} queries, more than {most}:\n" + "\n".join(large)
    return len(large)


def assert_constant_queries(client, url, *, grow, most, status=200):
    """The page at ``url`` (fetched with ``client``, signed in or not) runs as many queries
    before and after ``grow()`` adds data, and at most ``most``."""

    def get():
        response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return response

    return assert_constant_queries_of(get, grow=grow, most=most)
