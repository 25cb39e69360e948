"""Open data: GeoJSON (RFC 7946), CSV, JSON, the compact map layer; filters, licence,
conditional GET, no private field."""

import csv
import io
import json
from decimal import Decimal

from django.urls import reverse

import pytest

from portal.models import PortalSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(initiative_a, initiative_b, make_initiative):
    initiative_a.contact_email = "secret@example.org"
    initiative_a.save_revision().publish()
    make_initiative(title="No Place", slug="no-place", latitude=None, longitude=None)
    return initiative_a, initiative_b


def assert_rfc7946(collection):
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert "properties" in feature
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, float | int) and isinstance(lat, float | int)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature.get("id"), int | str)


def test_geojson_is_rfc7946_with_lon_lat_order(client, data):
    a, b = data
    response = client.get(reverse("registry:geojson"))
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert_rfc7946(collection)
    by_id = {feature["id"]: feature for feature in collection["features"]}
    assert set(by_id) == {a.pk, b.pk}  # the one without coordinates is left out
    # Guadalajara: longitude -103.3, latitude 20.7, in that order.
    assert by_id[b.pk]["geometry"]["coordinates"] == [-103.3496, 20.6597]
    properties = by_id[b.pk]["properties"]
    assert set(properties) == {
        "id",
        "name",
        "url",
        "kind",
        "stage",
        "country",
        "region",
        "city",
        "sectors",
        "tags",
        # Issue 15: identifiers in other registries and the quality label.
        "eccp_profile",
        "eclac_id",
        "wikidata_id",
        "national_registry_number",
        "quality_label",
        # stewardship (registry/verification.py)
        "verified_by",
        "verified_on",
        "record_state",
    }
    assert properties["tags"] == ["logistics"]
    assert properties["url"].startswith("http://testserver/initiatives/beta-network/")
    assert collection["licence"]["name"] == PortalSettings.load().data_licence_name
    assert "secret@example.org" not in response.content.decode()


def test_map_layer_is_compact_geojson(client, data):
    a, b = data
    collection = json.loads(client.get(reverse("registry:map_geojson")).content)
    assert_rfc7946(collection)
    feature = next(f for f in collection["features"] if f["id"] == b.pk)
    assert feature["geometry"]["coordinates"] == [-103.3496, 20.6597]
    assert feature["properties"] is None


def test_popup_has_details_and_404s_for_drafts(client, data, index_page):
    a, _b = data
    body = client.get(reverse("registry:popup", args=[a.pk])).json()
    assert body["name"] == "Alpha Cluster"
    assert body["url"] == "/initiatives/alpha-cluster/"
    assert "secret" not in json.dumps(body)
    a.unpublish()
    assert client.get(reverse("registry:popup", args=[a.pk])).status_code == 404


def test_csv_uses_import_columns_without_private_values(client, data):
    from registry.importers import EXPORT_COLUMNS

    response = client.get(reverse("registry:csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0].keys()) == EXPORT_COLUMNS
    assert {row["name"] for row in rows} == {"Alpha Cluster", "Beta Network", "No Place"}
    assert all(row["contact_email"] == "" for row in rows)
    assert "license" in response["Link"]


def test_json_has_licence_and_no_private_field(client, data, manager_a):
    response = client.get(reverse("registry:json"), {"country": "MX"})
    body = response.json()
    assert body["count"] == 1
    assert body["initiatives"][0]["name"] == "Beta Network"
    assert body["licence"]["url"]
    text = response.content.decode()
    assert "contact_email" not in text
    assert manager_a.email not in text


@pytest.mark.parametrize(
    "name", ["registry:geojson", "registry:csv", "registry:json", "registry:map_geojson"]
)
def test_filters_apply_to_open_data(client, data, name):
    content = client.get(reverse(name), {"country": "MX", "stage": "emerging"}).content.decode()
    a, b = data
    assert f'"id":{b.pk}' in content.replace(" ", "") or "Beta Network" in content
    assert "Alpha Cluster" not in content and f'"id":{a.pk},' not in content.replace(" ", "")


@pytest.mark.parametrize(
    "name", ["registry:geojson", "registry:csv", "registry:json", "registry:map_geojson"]
)
def test_conditional_get(client, data, name):
    url = reverse(name)
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # A change gives a new ETag.
    a, _b = data
    a.summary = "Changed"
    a.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_invalid_filters_on_open_data_do_not_fail(client, data):
    response = client.get(reverse("registry:geojson"), {"country": "ZZ", "sector": "nope"})
    assert response.status_code == 200
    assert len(json.loads(response.content)["features"]) == 2


def test_api_endpoints_and_schema(client, data):
    schema = client.get("/api/openapi.json").json()
    assert "/api/initiatives.geojson" in schema["paths"]
    assert client.get("/api/initiatives", {"country": "MX"}).json()["count"] == 1
    geo = json.loads(client.get("/api/initiatives.geojson").content)
    assert_rfc7946(geo)
    assert client.get("/api/v3/pages/").status_code == 200


def test_coordinates_decimal_precision_in_csv(client, data):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("registry:csv")).content.decode())))
    beta = next(row for row in rows if row["name"] == "Beta Network")
    assert Decimal(beta["latitude"]) == Decimal("20.6597")
