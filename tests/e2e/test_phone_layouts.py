"""Phone layouts (issue 12, item 3): the registry's filters collapse behind a "Filters (N
active)" toggle on a phone, with the results first, and stay a sidebar on a desktop (and work
as a plain <details> without JavaScript); the registration form's sectors are a list of
checkboxes that can be filtered by typing and chosen by keyboard or by click; its yearly
indicators fit a phone's width."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def registry(home_page):
    from portal.models import PortalSettings
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    index = index_pages_ensure()
    portal_settings = PortalSettings.load()
    portal_settings.map_tile_url = ""  # no tiles offline
    portal_settings.save()
    for number in range(3):
        page = InitiativePageFactory(
            parent=index, title=f"Coffee Cluster {number}", slug=f"coffee-{number}", sectors=["01"]
        )
        page.save_revision().publish()
    return index


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_registry_filters_collapse_on_a_phone(live_server, page, registry, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{registry.url}?country=CO&stage=intermediate")
    toggle = page.locator(".filters-panel > summary")
    search = page.get_by_role("searchbox", name="Search", exact=True)
    first_result = page.get_by_role("link", name="Coffee Cluster 0")
    expect(toggle).to_have_text("Filters (2 active)")
    expect(search).to_be_hidden()
    # The results come before the filters' fields: the first card is higher than the fold
    # the filter form would have filled.
    assert first_result.bounding_box()["y"] < 3 * PHONE["height"]
    assert toggle.bounding_box()["height"] < 80
    assert _no_sideways_scroll(page)
    screenshot(page, "closed")
    toggle.click()
    expect(search).to_be_visible()
    expect(page.get_by_role("button", name="Apply")).to_be_visible()
    toggle.click()
    expect(search).to_be_hidden()


def test_registry_filters_are_a_sidebar_on_a_desktop(live_server, page, registry):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{registry.url}")
    expect(page.locator(".filters-panel > summary")).to_have_text("Filters")
    search = page.get_by_role("searchbox", name="Search", exact=True)
    expect(search).to_be_visible()
    page.locator(".filters-panel > summary").click()  # a heading here, not a toggle
    expect(search).to_be_visible()
    # From a phone's width to a desktop's, the panel opens.
    page.set_viewport_size(PHONE)
    expect(search).to_be_hidden()
    page.set_viewport_size(DESKTOP)
    expect(search).to_be_visible()


def test_registry_filters_open_without_javascript(live_server, browser, registry):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{registry.url}?country=CO")
    search = page.get_by_role("searchbox", name="Search", exact=True)
    expect(page.locator(".filters-panel > summary")).to_have_text("Filters (1 active)")
    expect(search).to_be_hidden()
    page.locator(".filters-panel > summary").click()
    expect(search).to_be_visible()
    context.close()


@pytest.fixture
def register_form(live_server, page, registry, make_user, login_as):
    member = make_user(username="phone_member", groups=["Members"])
    login_as(page.context, member)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/initiatives/register/")
    return page


def _selected_sectors(page):
    return page.eval_on_selector(
        "#id_sectors", "select => Array.from(select.selectedOptions, o => o.textContent.trim())"
    )


def test_sectors_are_chosen_by_keyboard(register_form, screenshot):
    page = register_form
    select = page.locator("#id_sectors")
    expect(select).to_be_hidden()
    page.get_by_role("searchbox", name="Sectors").focus()
    page.keyboard.type("telecom")
    options = page.locator(".multiselect__option:visible")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Telecommunications")
    page.keyboard.press("Enter")  # the only match: chosen, and the form is not sent
    assert page.url.endswith("/initiatives/register/")
    assert _selected_sectors(page) == ["61 · Telecommunications"]
    # Tab to a checkbox and tick it with the space bar.
    page.locator("#id_sectors_filter").fill("computer programming")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('label').textContent.trim()")
    assert focused.startswith("62 ")
    page.keyboard.press("Space")
    assert len(_selected_sectors(page)) == 2
    expect(page.locator(".multiselect__status")).to_have_text("2 selected")
    page.locator("#id_sectors_filter").fill("no such sector")
    expect(page.get_by_text("Nothing matches.")).to_be_visible()
    screenshot(page, "sectors")


def test_sectors_are_chosen_by_click_and_sent(register_form):
    page = register_form
    page.locator("#id_sectors_filter").fill("crop and animal")
    crops = page.locator(".multiselect").get_by_text("Crop and animal production")
    crops.click()  # on the label's text, as a finger would
    assert _selected_sectors(page) == [
        "01 · Crop and animal production, hunting and related service activities"
    ]
    crops.click()
    assert _selected_sectors(page) == []
    crops.click()
    page.get_by_role("button", name="Send for moderation").click()
    # The form comes back with errors (no title...), and the sector is still chosen.
    expect(page.locator(".form-errors")).to_be_visible()
    assert len(_selected_sectors(page)) == 1
    assert page.locator(".multiselect__option input:checked").count() == 1


def test_registration_form_fits_a_phone(register_form, screenshot):
    page = register_form
    assert _no_sideways_scroll(page)
    year = page.locator(".indicators-table input").first
    assert year.bounding_box()["x"] + year.bounding_box()["width"] <= PHONE["width"]
    expect(page.locator(".indicators-table label").first).to_be_visible()
    screenshot(page, "form")
