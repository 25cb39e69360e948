"""axe-core finds no serious or critical accessibility violation on the home page, the login
and the signup pages, at desktop and phone widths; the phone menu and the language switcher
work in a real browser. Screenshots go to test-artifacts/."""

import pytest

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(transactional_db):
    """With transaction=True the data migrations' rows are flushed after each test: recreate
    the locales, the page tree root, the home page and the default site."""
    from wagtail.models import Locale, Page, Site

    from portal.models import HomePage

    for code in ("en", "es", "pt"):
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="en"))
        )
        home = root.add_child(
            instance=HomePage(
                title="Articula",
                slug="home",
                hero_title="The network of cluster initiatives",
                hero_text="Find initiatives, share good practices and learn together.",
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Articula"},
    )
    return home


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
def test_no_serious_axe_violations(site, live_server, page, axe, screenshot, viewport, path):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + path)
    screenshot(page, "page")
    violations = axe(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_phone_menu_opens_and_closes(site, live_server, page, screenshot):
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
def test_phone_menu_is_open_without_javascript(site, live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(".site-nav").get_by_role("link", name="Initiatives").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_language_switcher_keeps_the_page(site, live_server, page, screenshot):
    page.goto(live_server.url + "/accounts/login/")
    page.locator(".lang-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Iniciar sesión").first.is_visible()
    screenshot(page, "login-es")
    page.locator(".lang-switcher").get_by_role("link", name="Português").click()
    page.wait_for_url("**/pt/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "pt"
