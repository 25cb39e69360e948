"""The site chrome and the portal's own templates: home, standard pages and 404 in the three
languages, the language switcher, the header's login state, the landmarks."""

import datetime
import re
from html import unescape

from django.utils import timezone, translation

import pytest

from portal.models import StandardPage
from portal.templatetags.portal_tags import strip_language_prefix
from tests.querycounts import assert_constant_queries

LANGUAGES = [("", "en"), ("/es", "es"), ("/pt", "pt")]


def html(response):
    return unescape(response.content.decode())


def html_lang(response):
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no <html lang>"
    return match.group(1)


def switcher_links(response):
    """{language code: href} from the header's language switcher."""
    content = response.content.decode()
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', content, re.S)
    assert nav, "no language switcher"
    return {
        code: unescape(href)
        for href, code in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', nav.group(0))
    }


def gettext_in(language, message):
    with translation.override(language):
        text = translation.gettext(message)
    if language != "en":
        assert text != message, f"{message!r} has no {language} translation"
    return text


@pytest.fixture
def standard_page(home_page):
    page = home_page.add_child(
        instance=StandardPage(title="About Articula", slug="about", intro="Who we are.")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def spanish_about(standard_page):
    """The about page translated into Spanish, under another slug so that its URL cannot be
    guessed from the English one."""
    from wagtail.models import Locale

    translated = standard_page.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    translated.title = "Acerca de Articula"
    translated.slug = "acerca-de"
    translated.save_revision().publish()
    return translated


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_home_page_renders_in_each_language(client, prefix, language):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    assert html_lang(response) == language
    content = html(response)
    assert gettext_in(language, "Explore the map") in content
    assert gettext_in(language, "Register your initiative") in content
    assert "The network of cluster initiatives" in content


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_standard_page_renders_in_each_language(client, standard_page, prefix, language):
    response = client.get(f"{prefix}/about/")
    assert response.status_code == 200
    assert html_lang(response) == language
    content = html(response)
    assert "<h1>About Articula</h1>" in content
    assert '<p class="lead">Who we are.</p>' in content
    assert gettext_in(language, "Skip to main content") in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "language", "expected"),
    [
        ("", "en", "Jan. 15, 2025"),
        ("/es", "es", "15 de enero de 2025"),
        ("/pt", "pt", "15 de Janeiro de 2025"),
    ],
)
def test_dates_follow_the_visitors_language(client, standard_page, prefix, language, expected):
    StandardPage.objects.filter(pk=standard_page.pk).update(
        last_published_at=timezone.make_aware(datetime.datetime(2025, 1, 15, 12, 0))
    )
    response = client.get(f"{prefix}/about/")
    assert expected in html(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_404_renders_in_each_language(client, prefix, language):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == language
    content = html(response)
    assert gettext_in(language, "Page not found") in content
    # A search box and the way back into the site.
    assert 'role="search"' in content
    assert 'name="q"' in content
    assert gettext_in(language, "Home page") in content


@pytest.mark.django_db
def test_500_page_is_standalone_html(client):
    from django.template.loader import get_template

    # No {% load %}, no context processor, no database: it must render from nothing.
    source = get_template("500.html").template.source
    assert "{%" not in source
    assert "{{" not in source
    assert '<html lang="en">' in source


@pytest.mark.django_db
def test_switcher_on_a_page_links_to_its_translation(client, standard_page, spanish_about):
    links = switcher_links(client.get("/about/"))
    assert links["es"] == "/es/acerca-de/"
    # No Portuguese translation: the same path under the Portuguese prefix.
    assert links["pt"] == "/pt/about/"
    assert links["en"] == "/about/"

    response = client.get("/es/acerca-de/")
    assert response.status_code == 200
    assert "Acerca de Articula" in html(response)
    assert switcher_links(response)["en"] == "/about/"


@pytest.mark.django_db
def test_switcher_offers_the_same_path_where_a_page_has_no_translation(
    client, home_page, standard_page
):
    from wagtail.models import Locale

    # Portuguese has its own home page but no translation of "about": routing serves the
    # English page at /pt/about/ (portal/i18n.py), so the switcher keeps the path.
    portuguese_home = home_page.copy_for_translation(Locale.objects.get(language_code="pt"))
    portuguese_home.save_revision().publish()
    assert client.get("/pt/about/").status_code == 200
    links = switcher_links(client.get("/about/"))
    assert links["pt"] == "/pt/about/"
    assert links["es"] == "/es/about/"


@pytest.mark.django_db
def test_switcher_on_the_home_page(client):
    links = switcher_links(client.get("/"))
    assert links == {"en": "/", "es": "/es/", "pt": "/pt/"}
    assert switcher_links(client.get("/pt/")) == {"en": "/", "es": "/es/", "pt": "/pt/"}


@pytest.mark.django_db
def test_switcher_on_a_django_view_keeps_the_path_and_query(client):
    links = switcher_links(client.get("/accounts/login/?next=/dashboard/"))
    assert links["es"] == "/es/accounts/login/?next=/dashboard/"
    assert links["pt"] == "/pt/accounts/login/?next=/dashboard/"

    links = switcher_links(client.get("/es/accounts/login/"))
    assert links["en"] == "/accounts/login/"
    assert links["pt"] == "/pt/accounts/login/"


@pytest.mark.django_db
def test_switcher_marks_the_current_language_and_names_languages_natively(client):
    content = client.get("/es/accounts/login/").content.decode()
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', content, re.S).group(0)
    current = re.findall(r'<a [^>]*lang="([a-z]+)"[^>]*aria-current="true"', nav)
    assert current == ["es"]
    for name in ("English", "Español", "Português"):
        assert name in unescape(nav)
    # Search engines learn about the other languages too.
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/accounts/login/">' in content
    )


@pytest.mark.django_db
def test_header_for_visitors_offers_log_in_and_sign_up(client):
    content = html(client.get("/"))
    assert 'href="/accounts/login/"' in content
    assert 'href="/accounts/signup/"' in content
    assert "account-menu" not in content


@pytest.mark.django_db
def test_header_for_a_member_shows_name_dashboard_and_a_logout_form(client, make_user):
    user = make_user(username="lucia", first_name="Lucía", last_name="Pérez", groups=["Members"])
    client.force_login(user)
    content = html(client.get("/es/"))
    assert "Lucía Pérez" in content
    assert 'href="/es/dashboard/"' in content
    assert 'href="/es/accounts/email/"' in content
    assert re.search(r'<form method="post" action="/es/accounts/logout/">', content)
    assert 'href="/es/accounts/login/"' not in content
    # Members never get the Wagtail admin.
    assert 'href="/admin/"' not in content


@pytest.mark.django_db
def test_header_for_staff_links_to_the_admin(client, moderator):
    client.force_login(moderator)
    assert 'href="/admin/"' in html(client.get("/"))


@pytest.mark.django_db
def test_skip_link_and_landmarks(client, standard_page):
    content = html(client.get("/about/"))
    assert re.search(r'<a class="skip-link" href="#main">', content)
    assert '<main id="main"' in content
    assert content.count('<header class="site-header">') == 1
    assert '<footer class="site-footer">' in content
    assert re.search(r'<nav class="site-nav" aria-label="Main">', content)
    assert re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">', content)
    assert 'role="search"' in content
    assert '<link rel="icon" href="/static/img/favicon.svg"' in content
    assert '<meta name="description"' in content


@pytest.mark.django_db
def test_footer_shows_contact_address_and_data_licence(client):
    from portal.models import PortalSettings

    settings = PortalSettings.load()
    settings.contact_email = "hola@articula.example.org"
    settings.data_licence_name = "ODbL"
    settings.save()
    content = html(client.get("/"))
    assert 'href="mailto:hola@articula.example.org"' in content
    assert "ODbL" in content


def test_strip_language_prefix():
    assert strip_language_prefix("/es/initiatives/") == "/initiatives/"
    assert strip_language_prefix("/pt/") == "/"
    assert strip_language_prefix("/estonia/") == "/estonia/"
    assert strip_language_prefix("/initiatives/") == "/initiatives/"


@pytest.fixture
def without_sections(monkeypatch):
    """The home page without the apps' sections: what the page and the site chrome cost."""
    monkeypatch.setattr("portal.sections.home_sections", lambda request: [])


@pytest.fixture
def add_menu_pages(home_page):
    """``add_menu_pages()`` adds five more pages to the main menu."""
    added = []

    def add():
        for _ in range(5):
            number = len(added)
            added.append(
                home_page.add_child(
                    instance=StandardPage(
                        title=f"Menu {number}", slug=f"menu-{number}", show_in_menus=True
                    )
                )
            )

    return add


@pytest.mark.django_db
def test_home_page_chrome_query_count(client, make_user, without_sections, add_menu_pages):
    # One of them is the main menu, read from the page tree (portal/navigation.py).
    assert_constant_queries(client, "/", grow=add_menu_pages, most=8)
    assert_constant_queries(client, "/es/", grow=add_menu_pages, most=8)
    # A signed-in member adds the session, the user and the permission check for the admin link.
    client.force_login(make_user(username="counting", groups=["Members"]))
    assert_constant_queries(client, "/", grow=add_menu_pages, most=12)


@pytest.mark.django_db
def test_standard_page_query_count_does_not_grow_with_the_tree(client, home_page, standard_page):
    def grow():
        for number in range(10):
            standard_page.add_child(
                instance=StandardPage(title=f"Child {number}", slug=f"c{number}")
            )
            home_page.add_child(instance=StandardPage(title=f"Sibling {number}", slug=f"s{number}"))

    assert_constant_queries(client, "/about/", grow=grow, most=11)


@pytest.mark.django_db
def test_home_page_query_count_with_the_apps_sections(client):
    """Every app's section filled by its demo content, then by a larger synthetic data set
    (``load_demo_data --scale``). Each app budgets its own section (tests/<app>/); this bounds
    the whole page."""
    from io import StringIO

    from django.core.management import call_command

    def load(scale):
        call_command("load_demo_data", "--scale", str(scale), stdout=StringIO())

    load(0)
    assert_constant_queries(client, "/", grow=lambda: load(100), most=30)


@pytest.mark.django_db
def test_home_page_renders_the_apps_sections_in_order(client):
    from wagtail import hooks

    from portal.sections import Section

    def first():
        return Section(
            key="first",
            order=-2,
            template="components/empty_state.html",
            get_context=lambda request: {"title": "First section"},
        )

    def hidden():
        return Section(
            key="hidden",
            order=-1,
            template="components/empty_state.html",
            get_context=lambda request: None,
        )

    with (
        hooks.register_temporarily("register_home_section", first),
        hooks.register_temporarily("register_home_section", hidden),
    ):
        content = html(client.get("/"))
    assert "First section" in content
    assert content.index("hero-title") < content.index("First section")
    assert content.count('class="empty-state"') == 1
