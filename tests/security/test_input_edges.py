"""Input at the edges: ids and numbers past 64 bits, NUL bytes and blank searches in the API,
and fields the API must serialise. Bad input is a 4xx with a clear message, never a 500."""

from django.urls import resolve, reverse

import pytest

from portal.site_structure import site_structure_ensure
from registry.models import InitiativeIndexPage
from tests.factories.registry import InitiativePageFactory

HUGE = "99999999999999999999"  # past 2**64: no database integer column holds it
MAX_INT = 2**63 - 1  # the largest SQLite INTEGER / PostgreSQL bigint

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    """The section pages (/initiatives/, /practices/, /events/...) every list lives under."""
    site_structure_ensure()
    return home_page


@pytest.fixture
def initiative(site):
    index = InitiativeIndexPage.objects.get(locale__language_code="en")
    page = InitiativePageFactory(parent=index, title="Coffee Cluster", country="CO")
    page.save_revision().publish()
    return page


@pytest.fixture
def server_errors_raise(client):
    # A 500 must fail the test with its traceback, not hide behind the error page.
    client.raise_request_exception = True
    return client


def test_id_converter_matches_up_to_the_largest_database_integer():
    assert resolve(f"/initiatives/{MAX_INT}/popup.json").kwargs == {"pk": MAX_INT}
    assert reverse("registry:popup", kwargs={"pk": 12}) == "/initiatives/12/popup.json"


@pytest.mark.parametrize(
    "url",
    [
        f"/initiatives/{HUGE}/popup.json",
        f"/initiatives/{MAX_INT + 1}/popup.json",
        f"/initiatives/{HUGE}/edit/",
        f"/initiatives/{HUGE}/claim/",
        f"/initiatives/{HUGE}/managers/",
        f"/practices/{HUGE}/edit/",
        f"/members/contact/initiative/{HUGE}/",
        f"/members/me/inbox/{HUGE}/",
        f"/es/initiatives/{HUGE}/popup.json",
    ],
)
def test_huge_id_in_a_path_is_a_404(server_errors_raise, site, member, url):
    server_errors_raise.force_login(member)
    assert server_errors_raise.get(url).status_code == 404


def test_practice_list_ignores_a_topic_past_64_bits(server_errors_raise, site):
    response = server_errors_raise.get("/practices/", {"topic": HUGE})
    assert response.status_code == 200
    assert response.context["active_filters"] is False


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"/api/v3/pages/?offset={HUGE}", "offset"),
        (f"/api/v3/pages/?limit={HUGE}", "limit"),
        (f"/api/v3/pages/?child_of={HUGE}", "child_of"),
        (f"/api/v3/pages/?offset=-{HUGE}", "offset"),
    ],
)
def test_api_number_past_64_bits_is_a_400(server_errors_raise, site, url, name):
    response = server_errors_raise.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == f"The number in “{name}” is too large."


@pytest.mark.parametrize("url", [f"/api/initiatives/{HUGE}", f"/api/v3/pages/{HUGE}/"])
def test_api_id_past_64_bits_in_the_path_is_a_404(server_errors_raise, site, url):
    response = server_errors_raise.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/find/?html_path=/&site=example.org:managers",
        f"/api/v3/pages/?site=localhost:{HUGE}",
        "/api/v3/pages/?site=a:b:c",
    ],
)
def test_api_site_with_a_bad_port_is_a_400(server_errors_raise, site, url):
    response = server_errors_raise.get(url)
    assert response.status_code == 400
    assert "site" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/v3/pages/?search=%00", "/api/initiatives?q=a%00b"])
def test_api_nul_byte_is_a_400(server_errors_raise, site, url):
    response = server_errors_raise.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize("search", [" ", "", "\t", '"', "*", "(:)"])
def test_api_blank_search_lists_everything(server_errors_raise, initiative, search):
    response = server_errors_raise.get("/api/v3/pages/", {"search": search})
    assert response.status_code == 200
    unfiltered = server_errors_raise.get("/api/v3/pages/").json()
    assert response.json()["count"] == unfiltered["count"] > 0


@pytest.mark.parametrize(
    "url", ["/initiatives/", "/initiatives/data.csv", "/initiatives/data.json", "/api/initiatives"]
)
@pytest.mark.parametrize("query", ['"', 'coffee"', "a:(b", "*"])
def test_registry_search_with_query_syntax_is_plain_words(
    server_errors_raise, initiative, url, query
):
    response = server_errors_raise.get(url, {"q": query})
    assert response.status_code == 200
    if query == 'coffee"' and url.endswith(".json"):
        assert "Coffee Cluster" in response.content.decode()


def test_api_search_still_searches(server_errors_raise, initiative):
    response = server_errors_raise.get("/api/v3/pages/", {"search": 'coffee"'})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [initiative.pk]


def test_api_initiative_detail_serialises_the_country_as_its_code(server_errors_raise, initiative):
    response = server_errors_raise.get(f"/api/v3/pages/{initiative.pk}/")
    assert response.status_code == 200
    assert response.json()["country"] == "CO"


def test_api_schema_types_the_country_as_a_string(server_errors_raise, site):
    schema = server_errors_raise.get("/api/v3/openapi.json").json()
    page_schemas = [
        value
        for name, value in schema["components"]["schemas"].items()
        if "country" in value.get("properties", {}) and "Initiative" in name
    ]
    assert page_schemas
    for value in page_schemas:
        types = {item.get("type") for item in value["properties"]["country"].get("anyOf", [])}
        assert types == {"string", "null"}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/members/?q=%00", "The address contains a NUL character"),
        ("/events/?kind=a%00b", "The address contains a NUL character"),
        ("/tags/autocomplete/?q=%00", "The address contains a NUL character"),
        ("/es/members/?q=%00", "La dirección contiene un carácter NUL"),
        ("/pt/events/calendar.ics?x%00=1", "O endereço contém um caractere NUL"),
    ],
)
def test_a_nul_byte_in_any_query_is_a_translated_400(client, path, message):
    # PostgreSQL refuses NUL in text values: without the guard these were 500s there.
    response = client.get(path)

    assert response.status_code == 400
    assert message in response.content.decode()
