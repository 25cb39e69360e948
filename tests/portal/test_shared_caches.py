"""What every page reads without a query of its own, and that it stays right: Wagtail's
view-restriction check answered from the cached restricted paths (portal.visibility), the
portal settings and the locales from the shared cache, and the language switcher's
translations fetched with the main menu's pages (portal.navigation.page_translations)."""

from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction

import pytest

from portal import i18n
from portal.models import PortalSettings, StandardPage
from portal.navigation import menu_pages, page_translations
from portal.site_structure import site_structure_ensure

pytestmark = pytest.mark.django_db


def publish(parent, title, slug):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro="Hi"))
    page.save_revision().publish()
    return page


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame-2024"
    )


def asks_for_password(response):
    return response.status_code == 200 and b'name="password"' in response.content


@pytest.fixture
def about(home_page):
    return publish(home_page, "About", "about")


def test_an_open_page_checks_its_view_restrictions_without_a_query(
    about, django_assert_num_queries
):
    about.get_view_restrictions()  # fills the cache
    with django_assert_num_queries(0):
        assert list(about.get_view_restrictions()) == []


def test_a_restriction_applies_at_once_to_the_page_and_below(client, about):
    team = publish(about, "Team", "team")
    assert client.get("/about/team/").status_code == 200  # cached: no restriction anywhere
    restrict(about)
    assert asks_for_password(client.get("/about/"))
    assert asks_for_password(client.get("/about/team/"))
    # A sibling section stays open, without Wagtail's queries.
    other = publish(about.get_parent(), "Contact", "contact")
    assert client.get("/contact/").status_code == 200
    assert list(other.specific.get_view_restrictions()) == []
    assert [r.page_id for r in team.specific.get_view_restrictions()] == [about.pk]


def test_removing_a_restriction_opens_the_page_again(client, about):
    restriction = restrict(about)
    assert asks_for_password(client.get("/about/"))
    restriction.delete()
    assert client.get("/about/").status_code == 200
    assert b'name="password"' not in client.get("/about/").content


def test_a_restricted_page_moved_elsewhere_stays_restricted(client, about, home_page):
    board = publish(home_page, "Board", "board")
    minutes = publish(board, "Minutes", "minutes")
    restrict(board)
    assert asks_for_password(client.get("/board/minutes/"))  # cached: the board's old path
    board.move(about, pos="last-child")
    assert asks_for_password(client.get("/about/board/"))
    assert asks_for_password(client.get("/about/board/minutes/"))
    moved = StandardPage.objects.get(pk=minutes.pk)
    assert [r.page_id for r in moved.get_view_restrictions()] == [board.pk]


def test_an_alias_has_the_restrictions_of_its_source(client, about, home_page):
    """Wagtail copies a source's restrictions to a new alias, and applies the source's
    restrictions added later to the alias too (Page.get_view_restrictions)."""
    archive = publish(home_page, "Archive", "archive")
    about.create_alias(parent=archive, update_slug="about-copy")
    assert client.get("/archive/about-copy/").status_code == 200
    restrict(about)
    assert asks_for_password(client.get("/archive/about-copy/"))


def test_the_footer_shows_portal_settings_saved_after_it_was_cached(client, about):
    assert b"contact@articula.example.org" in client.get("/about/").content
    settings = PortalSettings.load()
    settings.contact_email = "hello@network.example.org"
    settings.save()
    content = client.get("/about/").content
    assert b"hello@network.example.org" in content
    assert b"contact@articula.example.org" not in content


def test_the_portal_settings_come_from_the_cache(about, django_assert_num_queries):
    PortalSettings.load()
    with django_assert_num_queries(0):
        assert PortalSettings.load().contact_email == "contact@articula.example.org"


def test_the_locales_come_from_the_cache_and_follow_changes(django_assert_num_queries):
    with translation.override("es"):
        i18n._locales()
        with django_assert_num_queries(0):
            assert i18n._locale_for("es").language_code == "es"
    french = Locale.objects.create(language_code="fr")
    assert i18n._locales()["fr"].pk == french.pk


def test_the_switcher_and_the_menu_share_one_query(home_page, django_assert_num_queries):
    site_structure_ensure()
    about = publish(home_page, "About", "about")
    about.show_in_menus = True
    about.save_revision().publish()
    spanish = about.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    request = RequestFactory().get("/about/")
    menu_pages(request)  # warm Wagtail's site root paths
    with translation.override("en"), django_assert_num_queries(1):
        translations = page_translations(about, request)
        menu = menu_pages(request)
    assert [page.pk for page in translations] == [about.pk, spanish.pk]
    assert [page.url_path for page in menu][:2] == ["/home/initiatives/", "/home/practices/"]
    assert "/home/about/" in [page.url_path for page in menu]
    # Another language's menu is not taken from the request.
    with translation.override("es"):
        assert "/home-es/initiatives/" in [page.url_path for page in menu_pages(request)]
