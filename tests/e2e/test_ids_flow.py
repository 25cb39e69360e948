"""Issue 15, identifiers and open data, in Chromium: a manager registers an initiative with its
identifiers in other registries and a year of employment and exports (a malformed Wikidata id
is refused first, in Portuguese); a visitor sees an initiative's quality label, identifiers
and indicators (desktop and phone), filters the registry by quality label and downloads the
bulk open-data package. Screenshots in docs/screenshots/ids-*.png."""

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def registry(home_page, settings, tmp_path):
    from portal.models import PortalSettings
    from registry.models import InitiativeIndicator
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    index = index_pages_ensure()
    portal_settings = PortalSettings.load()
    portal_settings.map_tile_url = ""  # no tiles offline
    portal_settings.save()
    labelled = InitiativePageFactory(
        parent=index,
        title="Bogotá Software Cluster",
        slug="bogota-software",
        acronym="BSC",
        latitude=Decimal("4.6097"),
        longitude=Decimal("-74.0817"),
        eccp_profile="bogota-software-cluster",
        wikidata_id="Q2841",
        eclac_id="CEPAL-CO-017",
        national_registry_number="NIT 900.123.456-7",
        quality_label="gold",
        quality_label_scheme="ecei",
        quality_label_year=2024,
        year_founded=2012,
        member_firms=120,
    )
    for year, employment, exports in ((2023, 4800, 31_000_000), (2024, 5200, 36_500_000)):
        InitiativeIndicator.objects.create(
            page=labelled,
            year=year,
            members=110 + year - 2023,
            employment=employment,
            sales_growth=Decimal("6.5"),
            exports_usd=exports,
            new_export_markets=2,
        )
    labelled.save_revision().publish()
    plain = InitiativePageFactory(parent=index, title="Cali Coffee Network", slug="cali-coffee")
    plain.save_revision().publish()
    return index, labelled


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _save(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"ids-{name}.png"), full_page=True)


def test_visitor_sees_label_identifiers_and_indicators(live_server, browser, registry):
    _index, labelled = registry
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{live_server.url}{labelled.url}")
        expect(page.get_by_text("ECEI cluster management excellence label: Gold label (2024)"))
        expect(page.get_by_role("link", name="Q2841")).to_have_attribute(
            "href", "https://www.wikidata.org/wiki/Q2841"
        )
        table = page.get_by_role("table")
        expect(table.get_by_role("columnheader", name="Employment")).to_be_visible()
        expect(table.get_by_role("cell", name="36,500,000")).to_be_visible()
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert "https://www.wikidata.org/wiki/Q2841" in data["sameAs"]
        assert _no_sideways_scroll(page)
        _save(page, f"initiative-{name}")
        context.close()


def test_registry_filters_by_label_and_links_the_package(live_server, browser, registry):
    index, _labelled = registry
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{index.url}")
    page.get_by_label("Quality label").select_option("gold")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name="Bogotá Software Cluster")).to_be_visible()
    expect(page.get_by_role("link", name="Cali Coffee Network")).to_have_count(0)
    link = page.get_by_role("link", name="Everything in one file")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "articula-open-data.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    assert {"datapackage.json", "initiatives.csv", "initiatives.geojson"} <= set(archive.namelist())
    # Built now: the open-data section shows its size and date (here in Spanish; a page
    # the browser has not cached yet).
    page.goto(f"{live_server.url}/es{index.url}#open-data")
    expect(page.locator(".open-data-package .meta")).to_contain_text("generado el")
    page.locator("#open-data").screenshot(path=str(DOCS / "ids-open-data-desktop.png"))
    context.close()


def test_manager_registers_identifiers_and_indicators(
    live_server, browser, registry, make_user, login_as
):
    from registry.models import InitiativePage

    member = make_user(username="ids_manager", groups=["Members"])
    context = browser.new_context(viewport=PHONE)
    login_as(context, member)
    page = context.new_page()
    page.goto(f"{live_server.url}/pt/initiatives/register/")
    page.fill("#id_title", "Cluster de Bioeconomia do Pará")
    page.select_option("#id_country", "BR")
    page.fill("#id_eccp_profile", "bioeconomia-para")
    page.fill("#id_wikidata_id", "wikidata")
    page.fill("#id_national_registry_number", "CNPJ 12.345.678/0001-90")
    page.fill("#id_indicators-0-year", "2024")
    page.fill("#id_indicators-0-employment", "850")
    page.fill("#id_indicators-0-exports_usd", "4200000")
    assert _no_sideways_scroll(page)
    page.locator("form#initiative-form button[type=submit]").click()
    expect(
        page.get_by_text("Um identificador do Wikidata é a letra Q seguida de dígitos")
    ).to_be_visible()
    assert _no_sideways_scroll(page)
    _save(page, "registration-error-phone")
    page.fill("#id_wikidata_id", "Q1234567")
    page.locator("form#initiative-form button[type=submit]").click()
    page.wait_for_load_state()
    created = InitiativePage.objects.get(title="Cluster de Bioeconomia do Pará")
    draft = created.get_latest_revision_as_object()
    assert draft.wikidata_id == "Q1234567"
    assert draft.eccp_profile.endswith("/cluster-organisations/bioeconomia-para")
    (indicator,) = draft.indicators.all()
    assert (indicator.employment, indicator.exports_usd) == (850, 4_200_000)
    context.close()
