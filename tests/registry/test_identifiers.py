"""Identifiers of other registries (ECCP, ECLAC, Wikidata, national number), the quality label's
scheme and year, and the yearly employment and exports: checked with translated errors, in the
public form, the CSV import and export, the open data, the API, JSON-LD and the page."""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest

from registry import identifiers
from registry.importers import COLUMNS, export_rows, parse_csv, write_csv
from registry.models import InitiativeIndicator, InitiativePage
from tests.querycounts import assert_constant_queries

from .conftest import form_data

pytestmark = pytest.mark.django_db

ECCP = "https://clustercollaboration.eu/cluster-organisations/{}"


@pytest.mark.parametrize(
    ("normalize", "value", "expected"),
    [
        (identifiers.normalize_eccp_profile, "", ""),
        (identifiers.normalize_eccp_profile, "  agro-cluster-2 ", ECCP.format("agro-cluster-2")),
        (
            identifiers.normalize_eccp_profile,
            "http://www.clustercollaboration.eu/cluster-organisations/x#top",
            "https://www.clustercollaboration.eu/cluster-organisations/x",
        ),
        (identifiers.normalize_eclac_id, "CO-2024.17_a", "CO-2024.17_a"),
        (identifiers.normalize_wikidata_id, "q42", "Q42"),
        (identifiers.normalize_wikidata_id, "https://www.wikidata.org/wiki/Q1234", "Q1234"),
        (identifiers.normalize_wikidata_id, "http://www.wikidata.org/entity/Q7", "Q7"),
        (
            identifiers.normalize_national_registry_number,
            " RUT  900.123.456-7 ",
            "RUT 900.123.456-7",
        ),
        (identifiers.normalize_national_registry_number, "12/2019", "12/2019"),
    ],
)
def test_identifiers_are_stored_one_way(normalize, value, expected):
    assert normalize(value) == expected


@pytest.mark.parametrize(
    ("normalize", "value"),
    [
        (identifiers.normalize_eccp_profile, "https://evil.example.org/cluster-organisations/x"),
        (identifiers.normalize_eccp_profile, "https://clustercollaboration.eu.evil.org/x"),
        (identifiers.normalize_eccp_profile, "javascript:alert(1)"),
        (identifiers.normalize_eccp_profile, "https://clustercollaboration.eu/"),
        (identifiers.normalize_eccp_profile, "Agro Cluster"),
        (identifiers.normalize_eclac_id, "-starts-with-hyphen"),
        (identifiers.normalize_eclac_id, "x" * 41),
        (identifiers.normalize_eclac_id, "<script>"),
        (identifiers.normalize_wikidata_id, "Q0"),
        (identifiers.normalize_wikidata_id, "P31"),
        (identifiers.normalize_wikidata_id, "42"),
        (identifiers.normalize_wikidata_id, "https://evil.example.org/wiki/Q42"),
        (identifiers.normalize_national_registry_number, "900#123"),
        (identifiers.normalize_national_registry_number, "-900"),
        (identifiers.normalize_national_registry_number, "1" * 61),
        (identifiers.normalize_national_registry_number, "número"),
    ],
)
def test_malformed_identifiers_are_refused(normalize, value):
    with pytest.raises(ValidationError):
        normalize(value)


def test_the_model_reports_each_identifier_in_the_visitors_language(index_page):
    page = InitiativePage(
        title="Checked",
        slug="checked",
        country="CO",
        wikidata_id="P31",
        eccp_profile="https://example.org/x",
        eclac_id="a b",
        national_registry_number="#1",
    )
    with translation.override("es"):
        with pytest.raises(ValidationError) as error:
            page.validate_record()
        errors = {
            name: [str(m) for m in messages] for name, messages in error.value.message_dict.items()
        }
    assert errors["wikidata_id"] == [
        "Un identificador de Wikidata es la letra Q seguida de dígitos, por ejemplo Q42."
    ]
    assert "clustercollaboration.eu" in errors["eccp_profile"][0]
    assert errors["eclac_id"][0].startswith("El identificador de la plataforma de la CEPAL")
    assert errors["national_registry_number"][0].startswith("El número de registro nacional")


def test_quality_label_scheme_and_year_need_a_level(index_page):
    page = InitiativePage(
        title="Label",
        slug="label",
        country="CO",
        quality_label_scheme="ecei",
        quality_label_year=2023,
    )
    with pytest.raises(ValidationError) as error:
        page.validate_record()
    assert set(error.value.message_dict) == {"quality_label_scheme", "quality_label_year"}
    page.quality_label = "gold"
    page.validate_record()
    page.quality_label_year = 2999
    with pytest.raises(ValidationError) as error:
        page.validate_record()
    assert set(error.value.message_dict) == {"quality_label_year"}


def test_the_registration_form_takes_identifiers_and_employment_and_exports(
    client, member, index_page
):
    client.force_login(member)
    data = form_data(
        eccp_profile="cali-coffee",
        wikidata_id="https://www.wikidata.org/wiki/Q99",
        eclac_id="CO-17",
        national_registry_number="NIT 805.000.111-2",
        **{"indicators-0-employment": "1200", "indicators-0-exports_usd": "2500000"},
    )
    response = client.post(reverse("registry:register"), data)
    assert response.status_code == 302
    page = InitiativePage.objects.get(title="Cali Coffee Cluster")
    page = page.get_latest_revision_as_object()
    assert page.eccp_profile == ECCP.format("cali-coffee")
    assert page.wikidata_id == "Q99"
    assert (page.eclac_id, page.national_registry_number) == ("CO-17", "NIT 805.000.111-2")
    (indicator,) = page.indicators.all()
    assert (indicator.employment, indicator.exports_usd) == (1200, 2_500_000)


def test_the_registration_form_refuses_a_bad_identifier_and_saves_nothing(
    client, member, index_page
):
    client.force_login(member)
    response = client.post(
        "/pt" + reverse("registry:register"), form_data(wikidata_id="wikidata", eclac_id="a b")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Um identificador do Wikidata é a letra Q seguida de dígitos" in html
    assert "O identificador da plataforma da CEPAL" in html
    assert not InitiativePage.objects.filter(title="Cali Coffee Cluster").exists()


def test_the_form_refuses_negative_exports(client, member, index_page):
    client.force_login(member)
    response = client.post(
        reverse("registry:register"), form_data(**{"indicators-0-exports_usd": "-5"})
    )
    assert response.status_code == 200
    assert not InitiativePage.objects.filter(title="Cali Coffee Cluster").exists()


@pytest.fixture
def labelled(make_initiative):
    page = make_initiative(
        title="Labelled Cluster",
        slug="labelled",
        eccp_profile="labelled-cluster",
        wikidata_id="Q42",
        eclac_id="CO-1",
        national_registry_number="900.1",
        quality_label="gold",
        quality_label_scheme="ecei",
        quality_label_year=2022,
    )
    InitiativeIndicator.objects.create(page=page, year=2024, employment=1500, exports_usd=3_000_000)
    return page


def test_the_page_shows_identifiers_label_and_indicators(client, labelled):
    html = client.get(labelled.url).content.decode()
    assert f'href="{ECCP.format("labelled-cluster")}"' in html
    assert 'href="https://www.wikidata.org/wiki/Q42"' in html
    assert "900.1" in html and "CO-1" in html
    assert "ECEI cluster management excellence label: Gold label (2022)" in html
    assert "1,500" in html and "3,000,000" in html


def test_json_ld_links_other_registries(client, labelled):
    html = client.get(labelled.url).content.decode()
    raw = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(raw)
    assert ECCP.format("labelled-cluster") in data["sameAs"]
    assert "https://www.wikidata.org/wiki/Q42" in data["sameAs"]
    assert {"@type": "PropertyValue", "propertyID": "ECLAC", "value": "CO-1"} in data["identifier"]
    assert {
        "@type": "PropertyValue",
        "propertyID": "national-registry",
        "value": "900.1",
    } in data["identifier"]
    assert data["award"] == "ECEI cluster management excellence label: Gold label, 2022"


def test_json_ld_without_identifiers_has_no_empty_keys(client, initiative_a):
    html = client.get(initiative_a.url).content.decode()
    raw = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(raw)
    assert "identifier" not in data and "award" not in data


def test_open_data_and_api_carry_identifiers_and_label(client, labelled):
    (row,) = json.loads(client.get(reverse("registry:json")).content)["initiatives"]
    assert row["wikidata_id"] == "Q42"
    assert row["eccp_profile"] == ECCP.format("labelled-cluster")
    assert (row["quality_label"], row["quality_label_scheme"], row["quality_label_year"]) == (
        "gold",
        "ecei",
        2022,
    )
    (api_row,) = client.get("/api/initiatives").json()["initiatives"]
    assert api_row["national_registry_number"] == "900.1"
    (feature,) = json.loads(client.get(reverse("registry:geojson")).content)["features"]
    assert feature["properties"]["eclac_id"] == "CO-1"
    page_api = client.get(f"/api/v3/pages/{labelled.pk}/").json()
    assert page_api["wikidata_id"] == "Q42"
    assert page_api["indicators"][0]["employment"] == 1500


def test_csv_round_trip_keeps_identifiers_and_label(labelled, index_page):
    out = io.StringIO()
    write_csv(export_rows(InitiativePage.objects.filter(pk=labelled.pk), private=True), out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["quality_label_year"] == "2022"
    assert row["eccp_profile"] == ECCP.format("labelled-cluster")
    report = parse_csv(out.getvalue())
    assert not report.errors
    (plan,) = report.plans
    assert plan.action == "update"
    values = plan.values
    assert (values["wikidata_id"], values["quality_label"], values["quality_label_year"]) == (
        "Q42",
        "gold",
        2022,
    )


def _csv(**cells):
    row = dict.fromkeys(COLUMNS, "")
    row.update(name="Imported", country="CO", **cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()


def test_import_reports_bad_identifiers_by_line_and_column(index_page):
    report = parse_csv(
        _csv(wikidata_id="Q-1", eccp_profile="https://example.org/p", quality_label="platinum")
    )
    assert {(error.line, error.column) for error in report.errors} == {
        (2, "wikidata_id"),
        (2, "eccp_profile"),
        (2, "quality_label"),
    }
    assert not report.plans


def test_import_normalises_identifiers(index_page):
    report = parse_csv(_csv(wikidata_id="q5", eccp_profile="imported", quality_label="Gold label"))
    (plan,) = report.plans
    assert plan.values["wikidata_id"] == "Q5"
    assert plan.values["eccp_profile"] == ECCP.format("imported")
    assert plan.values["quality_label"] == "gold"


def test_registry_filters_by_quality_label(client, labelled, initiative_a, index_page):
    html = client.get(index_page.url + "?label=gold").content.decode()
    assert "Labelled Cluster" in html and "Alpha Cluster" not in html
    assert '<option value="gold" selected>Gold label (1)</option>' in html
    rows = json.loads(client.get(reverse("registry:json") + "?label=gold").content)
    assert [row["name"] for row in rows["initiatives"]] == ["Labelled Cluster"]
    html = client.get(index_page.url + "?label=platinum").content.decode()
    assert "Alpha Cluster" in html  # an invalid value is reported and ignored


def test_initiative_page_queries_stay_constant_with_more_indicators(client, labelled):
    def grow():
        for year in range(2000, 2012):
            InitiativeIndicator.objects.create(page=labelled, year=year, employment=year)

    assert_constant_queries(client, labelled.url, grow=grow, most=30)
