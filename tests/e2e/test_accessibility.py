"""axe-core finds no serious or critical accessibility violation on the home page, the login
and the signup pages, at desktop and phone widths; the phone menu and the language switcher
work in a real browser. Screenshots go to test-artifacts/."""

import pytest

from portal.site_structure import site_structure_ensure

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/"], ids=["home", "login", "signup"]
)
def test_no_serious_axe_violations(home_page, live_server, page, axe, screenshot, viewport, path):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + path)
    screenshot(page, "page")
    violations = axe(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_menu_opens_and_closes(home_page, live_server, page, screenshot):
    site_structure_ensure()  # the menu lists the section pages
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    nav_link = page.locator(".site-nav").get_by_role("link", name="Good practices")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not nav_link.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    assert page.get_by_role("searchbox").is_visible()
    screenshot(page, "menu-open")
    toggle.click()
    assert not nav_link.is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_menu_is_open_without_javascript(home_page, live_server, browser):
    site_structure_ensure()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(".site-nav").get_by_role("link", name="Initiatives").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_language_switcher_keeps_the_page(home_page, live_server, page, screenshot):
    page.goto(live_server.url + "/accounts/login/")
    page.locator(".lang-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Iniciar sesión").first.is_visible()
    screenshot(page, "login-es")
    page.locator(".lang-switcher").get_by_role("link", name="Português").click()
    page.wait_for_url("**/pt/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "pt"
