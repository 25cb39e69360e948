"""Fuzzing every GET parameter of the lists, feeds, open data and the API (hypothesis through
Django's test client), and the two OpenAPI schemas with schemathesis: no input may cause a 500.

Every endpoint also gets a fixed sweep of the values that broke it before (``SWEEP``), since
random examples alone may miss them. Bounded to run in about a minute: ``FUZZ_EXAMPLES``
(default 6) random examples per endpoint and
``FUZZ_API_EXAMPLES`` (default 4) per API operation. The number of requests and of server
errors is written to test-artifacts/fuzz-summary.json when the module ends."""

import contextlib
import datetime
import json
import os
from collections import Counter
from pathlib import Path

from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.hypothesis.reporting import UnsatisfiableSchema

from events.models import EventIndexPage
from portal.site_structure import site_structure_ensure
from registry.models import InitiativeIndexPage
from tests.factories.events import EventPageFactory
from tests.factories.registry import InitiativePageFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
API_EXAMPLES = int(os.environ.get("FUZZ_API_EXAMPLES", "4"))

# One worker runs the whole module under pytest-xdist (`--dist loadgroup`): its summary in
# test-artifacts/fuzz-summary.json counts every test of the module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("fuzz")]

# Requests made and 5xx answers per endpoint, for the summary.
REQUESTS = Counter()
SERVER_ERRORS = Counter()
UNSATISFIABLE = []  # API operations schemathesis cannot generate a request for

INITIATIVE_FILTERS = ["q", "country", "region", "sector", "stage", "kind", "tag", "label"]
# (path, the GET parameters it reads): every list, feed and open-data endpoint of the site.
ENDPOINTS = [
    ("/initiatives/", [*INITIATIVE_FILTERS, "page", "sort"]),
    ("/initiatives/data.csv", INITIATIVE_FILTERS),
    ("/initiatives/data.json", INITIATIVE_FILTERS),
    ("/initiatives/data.geojson", INITIATIVE_FILTERS),
    ("/initiatives/map.geojson", INITIATIVE_FILTERS),
    ("/practices/", ["q", "tag", "sector", "country", "topic", "page"]),
    ("/topics/", ["page", "tag", "q"]),
    ("/news/", ["page", "tag"]),
    ("/events/", ["program", "kind", "tag", "month", "when", "page"]),
    ("/events/calendar.ics", ["program", "kind", "tag", "month"]),
    (
        "/members/",
        ["q", "tag", "country", "organization_type", "organisation_type", "language", "page"],
    ),
    ("/search/", ["q", "type", "page"]),
    ("/tags/", ["page", "q"]),
    ("/tags/autocomplete/", ["q"]),
    ("/practices/feed/", ["page"]),
    ("/practices/feed/atom/", ["page"]),
    ("/news/feed/", ["page"]),
    ("/tags/coffee/feed/", ["page"]),
    ("/es/initiatives/", [*INITIATIVE_FILTERS, "page"]),
    ("/api/initiatives", INITIATIVE_FILTERS),
    ("/api/initiatives.geojson", INITIATIVE_FILTERS),
    ("/api/initiatives.csv", INITIATIVE_FILTERS),
    (
        "/api/v3/pages/",
        [
            "search",
            "search_operator",
            "type",
            "offset",
            "limit",
            "fields",
            "order",
            "locale",
            "child_of",
            "descendant_of",
            "ancestor_of",
            "translation_of",
            "site",
        ],
    ),
    ("/api/v3/pages/find/", ["id", "html_path", "site", "version"]),
    ("/api/v3/images/", ["offset", "limit", "search", "order"]),
    ("/api/v3/documents/", ["offset", "limit", "search", "order"]),
    # --- discussions ---
    ("/discussions/", ["filter", "tag", "page", "quote"]),
    ("/discussions/general/", ["filter", "tag", "page"]),
    ("/discussions/feed/all/rss/", ["page"]),
    ("/discussions/feed/general/atom/", ["page"]),
    ("/discussions/new/", ["space"]),
    # --- end discussions ---
    # --- observatory ---
    ("/observatory/", ["country", "sector", "stage"]),
    ("/observatory/initiatives-by-country.csv", ["country", "sector", "stage"]),
    ("/observatory/embed/initiatives-by-region/", ["country", "sector", "stage"]),
    # --- end observatory ---
]
# --- support (technical support requests) ---------------------------------------------------
ENDPOINTS += [
    ("/support/", ["page"]),
    ("/support/answers/", ["tag", "page"]),
]
# --- stewardship: the verified filter and the verifiers' area ---------------------------------
ENDPOINTS += [
    ("/initiatives/data.json", ["verified", "country"]),
    ("/api/initiatives", ["verified"]),
    ("/initiatives/verify/", ["page"]),
]

# --- projects ---
ENDPOINTS += [
    ("/projects/", ["status", "tag", "country", "page"]),
    ("/es/projects/", ["status", "tag", "country", "page"]),
    ("/api/projects", ["status", "page"]),
]
# --- end projects ---

HUGE = "99999999999999999999"
EDGE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    HUGE,
    f"-{HUGE}",
    str(2**63),
    "1e309",
    "NaN",
    "2024-13",
    "99999-99",
    "0000-00",
    "*",
    '"',
    "'",
    "' OR 1=1 --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "título ñandú 中文 🙂",
    "a" * 5000,
    "registry.InitiativePage",
    "wagtailcore.Page",
    "-title",
    "title,-id",
    "root",
    "CO",
    "en",
    "past",
]
VALUES = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=20),
    st.text(min_size=500, max_size=2000),
)

# Each value in every parameter of an endpoint at once: a number past 64 bits, a NUL byte, a
# blank, full-text query syntax, a very long string.
SWEEP = [HUGE, f"-{HUGE}", "\x00", " ", '"', "a:(b*", "a" * 5000]


def record(label, status):
    REQUESTS[label] += 1
    if status >= 500:
        SERVER_ERRORS[label] += 1


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary():
    yield
    folder = Path(django_settings.BASE_DIR) / "test-artifacts"
    folder.mkdir(exist_ok=True)
    summary = {
        "requests": sum(REQUESTS.values()),
        "server_errors": sum(SERVER_ERRORS.values()),
        "endpoints": len(REQUESTS),
        "unsatisfiable_operations": UNSATISFIABLE,
        "per_endpoint": {
            label: {"requests": REQUESTS[label], "server_errors": SERVER_ERRORS[label]}
            for label in sorted(REQUESTS)
        },
    }
    (folder / "fuzz-summary.json").write_text(json.dumps(summary, indent=2))
    print(f"\nfuzz: {summary['requests']} requests, {summary['server_errors']} server errors")  # noqa: T201


@pytest.fixture
def content(home_page):
    """The section pages, an initiative tagged "coffee" and an upcoming event."""
    site_structure_ensure()
    index = InitiativeIndexPage.objects.get(locale__language_code="en")
    page = InitiativePageFactory(parent=index, title="Coffee Cluster", tags=["coffee"])
    page.save_revision().publish()
    start = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    EventPageFactory(
        parent=EventIndexPage.objects.get(locale__language_code="en"),
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    return page


@pytest.mark.parametrize(("path", "names"), ENDPOINTS, ids=[path for path, _ in ENDPOINTS])
def test_get_parameters_never_cause_a_server_error(client, member, content, path, names):
    client.force_login(member)
    client.raise_request_exception = False
    swept = []
    for value in SWEEP:
        response = client.get(path, dict.fromkeys(names, value))
        record(path, response.status_code)
        swept.append((value[:20], response.status_code))
    assert [item for item in swept if item[1] >= 500] == []

    @settings(max_examples=EXAMPLES)
    @given(params=st.dictionaries(st.sampled_from(names), VALUES, min_size=1))
    def fuzz(params):
        response = client.get(path, params)
        record(path, response.status_code)
        assert response.status_code < 500, params

    fuzz()


def api_operations():
    """``(schema path, operation)`` for every GET operation of both OpenAPI schemas (the
    writes need a bearer token and are covered by the permission tests)."""
    app = WSGIHandler()
    for schema_path in ["/api/v3/openapi.json", "/api/openapi.json"]:
        schema = schemathesis.openapi.from_wsgi(schema_path, app).include(method="GET")
        for result in schema.get_all_operations():
            yield app, result.ok()


def fuzz_operation(app, operation, failures):
    """A hypothesis test of one operation: ``API_EXAMPLES`` cases, each a request checked by
    schemathesis's ``not_a_server_error``; failures are appended to ``failures``."""

    @settings(max_examples=API_EXAMPLES)
    @given(case=operation.as_strategy())
    def fuzz(case):
        response = case.call(app=app)
        record(f"openapi {operation.label}", response.status_code)
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as error:  # schemathesis raises a group of its failures
            failures.append((operation.label, case.as_curl_command()))
            raise AssertionError(operation.label) from error

    return fuzz


@pytest.fixture
def connections_kept_open():
    """schemathesis calls the WSGI handler directly, which sends request_finished, and Django
    then closes the database connection: on PostgreSQL that ends the test's transaction. Django's
    test client disconnects the same receivers for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_openapi_operations_never_cause_a_server_error(content, connections_kept_open):
    failures = []
    operations = 0
    for app, operation in api_operations():
        operations += 1
        # Every failing operation is recorded; the test then reports them all at once.
        with contextlib.suppress(AssertionError):
            try:
                fuzz_operation(app, operation, failures)()
            except UnsatisfiableSchema:
                # e.g. /api/v3/snippets/{type}/ with no snippet type registered: nothing to send.
                UNSATISFIABLE.append(operation.label)
    assert operations > 20
    assert failures == []


# --- costs4: GET parameters of pages with an id in their path (a space, a thread, an answer,
# a project, a chart) and of the projects' open data ---


def _id_pages(data):
    return [
        (f"/discussions/space/{data.topic.pk}/", ["filter", "tag", "page"]),
        (f"/discussions/{data.thread.pk}/", ["quote", "page"]),
        ("/discussions/following/", ["page"]),
        (f"/support/answers/{data.support_answer.pk}/", ["page"]),
        ("/projects/open-data/projects.json", ["status", "tag", "country"]),
        ("/projects/open-data/projects.csv", ["status", "tag", "country"]),
        ("/observatory/embed/initiatives-by-country/", ["country", "sector", "stage", "lang"]),
        ("/observatory/initiatives-by-region.csv", ["country", "sector", "stage"]),
    ]


def _fuzz_one(client, path, names):
    @settings(max_examples=EXAMPLES)
    @given(params=st.dictionaries(st.sampled_from(names), VALUES, min_size=1))
    def fuzz(params):
        response = client.get(path, params)
        record(path, response.status_code)
        assert response.status_code < 500, (path, params)

    fuzz()


def test_get_parameters_of_pages_with_ids_never_cause_a_server_error(db, client):
    from tests.security.fixtures import build_matrix_data

    data = build_matrix_data()
    client.force_login(data.users["moderator"])
    client.raise_request_exception = False
    failures = []
    for path, names in _id_pages(data):
        for value in SWEEP:
            response = client.get(path, dict.fromkeys(names, value))
            record(path, response.status_code)
            if response.status_code >= 500:
                failures.append((path, value[:20], response.status_code))
        _fuzz_one(client, path, names)
    assert failures == []


# --- end costs4 ---
