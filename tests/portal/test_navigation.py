"""The main menu comes from the page tree (live pages under the site's home page in the
visitor's language with "Show in menus" ticked), plus the hook items of what apps serve
without a page; one query, the current entry marked with aria-current."""

import importlib
import re

from django.apps import apps
from django.test import RequestFactory
from django.utils import translation

from wagtail import hooks
from wagtail.models import Page

import pytest

from portal.models import StandardPage
from portal.navigation import MenuItem, main_menu
from portal.site_structure import site_structure_ensure


@pytest.fixture
def sections(home_page):
    site_structure_ensure()
    return home_page


def request_for(path):
    return RequestFactory().get(path)


def menu(path, language):
    with translation.override(language):
        return main_menu(request_for(path))


@pytest.mark.django_db
def test_the_menu_lists_the_sections_in_the_visitors_language_then_members(sections):
    items = menu("/es/", "es")
    assert [(item.label, item.url) for item in items] == [
        ("Iniciativas", "/es/initiatives/"),
        ("Buenas prácticas", "/es/practices/"),
        ("Temas de investigación", "/es/topics/"),
        ("Eventos", "/es/events/"),
        ("Noticias", "/es/news/"),
        ("Proyectos conjuntos", "/es/projects/"),
        ("Apoyo técnico", "/es/support/"),
        ("Discusiones", "/es/discussions/"),
        ("Observatorio", "/es/observatory/"),
        ("Miembros", "/es/members/"),
    ]
    assert [item.url for item in menu("/", "en")][:2] == ["/initiatives/", "/practices/"]


@pytest.mark.django_db
def test_the_menu_follows_the_show_in_menus_flag_and_publication(sections, home_page):
    Page.objects.filter(slug="news").update(show_in_menus=False)
    about = home_page.add_child(instance=StandardPage(title="About", slug="about"))
    about.show_in_menus = True
    about.save_revision().publish()
    draft = home_page.add_child(
        instance=StandardPage(title="Draft", slug="draft", live=False, show_in_menus=True)
    )
    # A page deeper in the tree is not a main menu entry, even when ticked.
    about.add_child(instance=StandardPage(title="Team", slug="team", show_in_menus=True))

    urls = [item.url for item in menu("/", "en")]
    assert "/news/" not in urls
    assert "/about/" in urls
    assert draft.url_path not in urls and "/draft/" not in urls
    assert "/about/team/" not in urls


@pytest.mark.django_db
def test_the_current_entry_is_marked(sections):
    current = {item.url: item.current for item in menu("/es/initiatives/x/", "es") if item.current}
    assert current == {"/es/initiatives/": "true"}
    current = {item.url: item.current for item in menu("/es/events/", "es") if item.current}
    assert current == {"/es/events/": "page"}
    assert [item for item in menu("/es/", "es") if item.current] == []


@pytest.mark.django_db
def test_the_header_marks_the_current_section_with_aria_current(client, sections):
    content = client.get("/es/news/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', content, re.S).group(0)
    assert re.search(r'<a href="/es/news/" aria-current="page">Noticias</a>', nav)
    assert nav.count("aria-current") == 1


@pytest.mark.django_db
def test_one_query_per_request_for_the_menu(sections, django_assert_max_num_queries):
    menu("/", "en")  # warm Wagtail's site root paths cache
    # A Django view's request: no page has looked the site up.
    request = request_for("/members/")
    # At most one: the menu's pages are a shared fragment (portal/navigation.py), which the
    # warm-up above may already have stored.
    with translation.override("en"), django_assert_max_num_queries(1):
        first = main_menu(request)
        again = main_menu(request)
    assert again is first


@pytest.mark.django_db
def test_apps_add_entries_through_the_hook(sections):
    def glossary():
        return MenuItem(key="glossary", label="Glossary", order=50, get_url=lambda: "/glossary/")

    with hooks.register_temporarily("register_menu_item", glossary):
        labels = [item.label for item in menu("/", "en")]
    assert labels[-2:] == ["Observatory", "Members"]
    assert labels.index("Glossary") < labels.index("Discussions")


@pytest.mark.django_db
def test_the_migration_ticks_show_in_menus_on_existing_section_pages(sections):
    Page.objects.filter(depth=3).update(show_in_menus=False)
    migration = importlib.import_module("portal.migrations.0007_section_pages_in_menu")
    migration.show_sections_in_menus(apps, None)
    ticked = Page.objects.filter(depth=3, show_in_menus=True)
    assert sorted(set(ticked.values_list("slug", flat=True))) == [
        "events",
        "initiatives",
        "news",
        "practices",
        "topics",
    ]
    assert ticked.count() == 15  # five sections in three languages
