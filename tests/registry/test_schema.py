"""registry.schema: the one declaration of an initiative's public fields. Every derived list
(CSV columns, JSON keys, GeoJSON properties, the API's schema, api_fields, what the importer
assigns) agrees with it, and the data contracts of docs/architecture.md are pinned literally here."""

import csv
import io
import json

from django.urls import reverse

import pytest
from wagtail_factories import ImageFactory

from registry import api, importers, schema
from registry.models import InitiativePage
from registry.views import open_data

# docs/architecture.md "Data contracts", copied by hand: a change to the schema must not move them.
CONTRACT_CSV_COLUMNS = [
    "external_id",
    "name",
    "acronym",
    "kind",
    "status",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "sectors",
    "tags",
    "year_founded",
    "stage",
    "managing_organization",
    "member_firms",
    "website",
    "contact_email",
    "summary",
    # Issue 15: identifiers in other registries and the quality label, after the first columns.
    "eccp_profile",
    "eclac_id",
    "wikidata_id",
    "national_registry_number",
    "quality_label",
    "quality_label_scheme",
    "quality_label_year",
]
# Exported, never imported: verification and archiving (registry/verification.py).
STEWARDSHIP_COLUMNS = ["verified_by", "verified_on", "record_state"]
CONTRACT_GEOJSON_PROPERTIES = {
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
    "eccp_profile",
    "eclac_id",
    "wikidata_id",
    "national_registry_number",
    "quality_label",
    *STEWARDSHIP_COLUMNS,
}


def test_csv_columns_are_the_contract_in_order():
    assert schema.csv_columns() == CONTRACT_CSV_COLUMNS + STEWARDSHIP_COLUMNS
    assert importers.EXPORT_COLUMNS == CONTRACT_CSV_COLUMNS + STEWARDSHIP_COLUMNS
    assert importers.COLUMNS == CONTRACT_CSV_COLUMNS
    assert importers.NUMERIC_COLUMNS == [
        "latitude",
        "longitude",
        "year_founded",
        "member_firms",
        "quality_label_year",
    ]
    assert importers.REQUIRED_COLUMNS == ["name", "country"]


def test_geojson_properties_are_the_contract():
    assert set(schema.geojson_properties()) == CONTRACT_GEOJSON_PROPERTIES
    assert schema.geojson_properties() == open_data.GEOJSON_PROPERTIES


def test_json_keys_and_api_schema_derive_from_the_schema():
    public = [spec.name for spec in schema.FIELDS if spec.open_data and not spec.private]
    assert public == open_data.JSON_KEYS
    assert list(api.Initiative.model_fields) == public
    assert "contact_email" not in public
    assert api.Initiative.model_fields["latitude"].annotation == float | None
    assert api.Initiative.model_fields["tags"].annotation == list[str]


def test_every_attribute_is_a_field_of_the_page():
    names = {field.name for field in InitiativePage._meta.get_fields()}
    for spec in schema.FIELDS:
        if spec.kind not in ("id", "link") and spec.imported:
            assert spec.model_attribute in names, spec
    # The exported-only columns are annotations of the open-data query, never assigned.
    assert [spec.name for spec in schema.FIELDS if not spec.imported] == STEWARDSHIP_COLUMNS
    assert schema.assigned_attributes() == [
        spec.model_attribute
        for spec in schema.csv_fields()
        if spec.kind not in ("sectors", "tags") and spec.name not in STEWARDSHIP_COLUMNS
    ]


def test_api_fields_derive_from_the_schema():
    assert [field.name for field in InitiativePage.api_fields] == schema.page_api_attributes()
    # What the page API showed before the schema, plus the logo.
    assert set(schema.page_api_attributes()) == {
        "acronym",
        "kind",
        "status",
        "year_founded",
        "website",
        "summary",
        "description",
        "country",
        "region",
        "city",
        "latitude",
        "longitude",
        "location_precision",
        "managing_organization",
        "organization_type",
        "stage",
        "member_firms",
        "member_smes",
        "sectors",
        "value_chain",
        "tags",
        "indicators",
        "last_verified_on",
        "logo",
        "eccp_profile",
        "eclac_id",
        "wikidata_id",
        "national_registry_number",
        "quality_label",
        "quality_label_scheme",
        "quality_label_year",
    }


@pytest.mark.django_db
def test_downloads_carry_exactly_the_derived_fields(client, initiative_b):
    geojson = json.loads(client.get(reverse("registry:geojson")).content)
    assert set(geojson["features"][0]["properties"]) == CONTRACT_GEOJSON_PROPERTIES
    rows = json.loads(client.get(reverse("registry:json")).content)["initiatives"]
    assert list(rows[0]) == open_data.JSON_KEYS
    reader = csv.reader(io.StringIO(client.get(reverse("registry:csv")).content.decode()))
    assert next(reader) == CONTRACT_CSV_COLUMNS + STEWARDSHIP_COLUMNS


@pytest.mark.django_db
def test_logo_is_shown_with_alt_text_and_exported_as_its_url(client, initiative_b):
    image = ImageFactory(title="Beta logo")
    initiative_b.logo = image
    initiative_b.save_revision().publish()

    html = client.get(initiative_b.url).content.decode()
    assert 'alt="Logo of Beta Network"' in html
    assert 'class="initiative__logo"' in html

    row = json.loads(client.get(reverse("registry:json")).content)["initiatives"][0]
    assert row["logo"] == "http://testserver" + image.file.url
    # Not a CSV column (the contract in docs/architecture.md) nor a GeoJSON property.
    assert "logo" not in schema.csv_columns()
    assert "logo" not in schema.geojson_properties()


@pytest.mark.django_db
def test_no_logo_is_an_empty_string(client, initiative_b):
    row = json.loads(client.get(reverse("registry:json")).content)["initiatives"][0]
    assert row["logo"] == ""
