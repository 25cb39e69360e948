"""A member registers an initiative by clicking on the map, a moderator approves it in the
Wagtail admin, and it appears on the public map and list. Screenshots of the map, the list,
an initiative page and the form at desktop and phone widths (test-artifacts/)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def registry(home_page):
    """The registry index pages (with their moderation workflow) under the migrated home page,
    and no tile URL: tiles are unreachable here and the map must work without them."""
    from portal.models import PortalSettings
    from registry.services import index_pages_ensure

    index = index_pages_ensure()
    portal_settings = PortalSettings.load()
    portal_settings.map_tile_url = ""
    portal_settings.save()
    return index


@pytest.fixture
def existing(registry):
    from decimal import Decimal

    from tests.factories.registry import InitiativePageFactory

    pages = []
    for number, (lat, lon) in enumerate([(6.24, -75.58), (4.65, -74.08), (3.45, -76.53)]):
        page = InitiativePageFactory(
            parent=registry,
            title=f"Existing Cluster {number}",
            slug=f"existing-{number}",
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            tags=["coffee", "agro-industry"],
            sectors=["01"],
        )
        page.save_revision().publish()
        pages.append(page)
    return pages


def test_register_approve_and_show(
    browser, live_server, registry, existing, make_user, screenshot, login_as
):
    from registry.models import InitiativePage

    member = make_user(username="e2e_member", groups=["Members"])
    moderator = make_user(username="e2e_moderator", groups=["Moderators"])

    # A member registers an initiative, placing it by clicking on the map.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, member)
    page = context.new_page()
    page.goto(f"{live_server.url}/initiatives/register/")
    expect(page.locator("#map-picker.leaflet-container")).to_be_visible()
    page.fill("#id_title", "Tolima Cocoa Network")
    page.select_option("#id_country", "CO")
    page.fill("#id_region", "Tolima")
    page.fill("#id_city", "Chaparral")
    page.select_option("#id_kind", "network")
    page.select_option("#id_stage", "emerging")
    page.fill("#id_summary", "Cocoa growers of southern Tolima working with buyers.")
    page.fill("#id_tags", "cocoa, agro-industry")
    picker = page.locator("#map-picker")
    picker.scroll_into_view_if_needed()
    picker.click(position={"x": 200, "y": 150})
    expect(page.locator("#id_latitude")).not_to_have_value("")
    expect(page.locator(".leaflet-marker-draggable")).to_have_count(1)
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert -90 <= latitude <= 90 and -180 <= longitude <= 180
    screenshot(page, "form-desktop")
    page.locator("form#initiative-form .form-actions button[type=submit]").click()
    page.wait_for_load_state()
    initiative = InitiativePage.objects.get(title="Tolima Cocoa Network")
    assert not initiative.live
    assert float(initiative.latitude) == pytest.approx(latitude, abs=1e-5)
    assert float(initiative.longitude) == pytest.approx(longitude, abs=1e-5)
    context.close()

    # Not public yet.
    anonymous = browser.new_context(viewport=DESKTOP).new_page()
    anonymous.goto(f"{live_server.url}/initiatives/")
    expect(anonymous.locator("main")).not_to_contain_text("Tolima Cocoa Network")

    # A moderator approves it in the Wagtail admin.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, moderator)
    admin = context.new_page()
    admin.goto(f"{live_server.url}/admin/pages/{initiative.pk}/edit/")
    approve = admin.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    expect(approve).to_have_count(1)
    with admin.expect_navigation():
        approve.evaluate("button => button.click()")
    initiative.refresh_from_db()
    assert initiative.live
    context.close()

    # It appears on the public map and in the list.
    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        visitor = browser.new_context(viewport=viewport).new_page()
        visitor.goto(f"{live_server.url}/initiatives/")
        registry_map = visitor.locator("#registry-map")
        expect(registry_map).to_have_attribute("data-markers", "4")
        expect(visitor.locator(".grid")).to_contain_text("Tolima Cocoa Network")
        expect(visitor.locator(".leaflet-marker-icon").first).to_be_visible()
        screenshot(visitor, f"registry-{suffix}")
        registry_map.screenshot(
            path=str(screenshot(visitor, f"list-{suffix}")).replace("list", "map")
        )
        # The popup loads its details on demand.
        if suffix == "desktop":
            visitor.goto(f"{live_server.url}/initiatives/?tag=cocoa")
            expect(registry_map).to_have_attribute("data-markers", "1")
            visitor.locator(".leaflet-marker-icon").first.click()
            expect(visitor.locator(".registry-popup")).to_contain_text("Tolima Cocoa Network")
        visitor.goto(f"{live_server.url}{initiative.url}")
        expect(visitor.locator("h1")).to_contain_text("Tolima Cocoa Network")
        expect(visitor.locator("#initiative-map.leaflet-container")).to_be_visible()
        screenshot(visitor, f"initiative-{suffix}")
        visitor.context.close()

    context = browser.new_context(viewport=PHONE)
    login_as(context, member)
    phone_form = context.new_page()
    phone_form.goto(f"{live_server.url}/initiatives/register/")
    expect(phone_form.locator("#map-picker.leaflet-container")).to_be_visible()
    screenshot(phone_form, "form-phone")
    context.close()


def test_typed_coordinates_move_the_marker(browser, live_server, registry, make_user, login_as):
    member = make_user(username="e2e_typist", groups=["Members"])
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, member)
    page = context.new_page()
    page.goto(f"{live_server.url}/initiatives/register/")
    page.fill("#id_latitude", "6.2442")
    page.fill("#id_longitude", "-75.5812")
    expect(page.locator(".leaflet-marker-draggable")).to_have_count(1)
    context.close()


def test_list_works_when_map_data_fails(browser, live_server, existing):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.route(re.compile(r".*/map\.geojson.*"), lambda route: route.abort())
    page.goto(f"{live_server.url}/initiatives/")
    expect(page.locator(".registry-map__note")).to_contain_text("could not be loaded")
    expect(page.locator(".grid")).to_contain_text("Existing Cluster 0")
