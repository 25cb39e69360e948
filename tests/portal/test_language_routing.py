"""Every live page in every language (issue 10, items 1 and 2): section pages exist in every
language, also for a language added later, and a page nobody translated yet is served at the
visitor's prefix (routing fallback, portal/i18n.py), marked as such, with its own address as
the canonical URL; links from lists stay within the visitor's prefix."""

import re

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

import pytest

from knowledge.models import PracticeIndexPage
from registry.models import InitiativeIndexPage
from tests.factories.knowledge import PracticePageFactory
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db

SECTIONS = ["initiatives", "practices", "topics", "events", "news"]


@pytest.fixture
def site():
    call_command("setup_site")


def _index(model, code):
    return model.objects.get(locale__language_code=code)


def test_a_language_added_later_gets_its_home_page_and_sections(client):
    Locale.objects.get(language_code="pt").delete()  # no page uses it on a fresh database
    call_command("setup_site")
    assert not Page.objects.filter(locale__language_code="pt").exists()

    Locale.objects.create(language_code="pt")

    for slug in SECTIONS:
        page = Page.objects.get(slug=slug, locale__language_code="pt")
        assert page.live and page.show_in_menus, slug
        assert client.get(f"/pt/{slug}/").status_code == 200, slug
    assert Page.objects.get(slug="events", locale__language_code="pt").title == "Eventos"


def test_an_untranslated_initiative_is_served_in_every_language(client, site):
    initiative = InitiativePageFactory(
        parent=_index(InitiativeIndexPage, "en"), title="Coffee network", slug="coffee-network"
    )

    response = client.get("/es/initiatives/coffee-network/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Esta página aún no está disponible en español. Escrita en inglés." in html
    assert '<div lang="en">' in html
    assert '<link rel="canonical" href="http://testserver/initiatives/coffee-network/">' in html
    assert 'hreflang="en" href="http://testserver/initiatives/coffee-network/"' in html
    assert 'hreflang="pt" href="http://testserver/pt/initiatives/coffee-network/"' in html
    assert ">Iniciativas</a>" in html  # the menu and the breadcrumbs in Spanish
    assert not re.search(r'href="/initiatives/[^"]*"(?! hreflang)', html)  # switcher aside
    assert response.context["page"].pk == initiative.pk

    english = client.get("/initiatives/coffee-network/").content.decode()
    assert "language-notice" not in english
    assert '<div lang="en">' not in english


def test_lists_link_to_the_fallback_address(client, site):
    InitiativePageFactory(parent=_index(InitiativeIndexPage, "en"), slug="coffee-network")

    html = client.get("/pt/initiatives/").content.decode()

    assert 'href="/pt/initiatives/coffee-network/"' in html
    assert not re.search(r'href="/initiatives/coffee-network/"', html)


def test_a_translation_is_served_instead_of_the_fallback(client, site):
    initiative = InitiativePageFactory(
        parent=_index(InitiativeIndexPage, "en"), title="Coffee network", slug="coffee-network"
    )
    spanish = initiative.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title = "Red del café"
    spanish.save_revision().publish()

    html = client.get("/es/initiatives/coffee-network/").content.decode()

    assert "Red del café" in html
    assert "language-notice" not in html
    assert '<link rel="canonical" href="http://testserver/es/initiatives/coffee-network/">' in html


def test_a_practice_written_in_spanish_is_served_to_english_visitors(client, site):
    PracticePageFactory(
        parent=_index(PracticeIndexPage, "es"), title="Cámaras de frío", slug="camaras"
    )

    html = client.get("/practices/camaras/").content.decode()

    assert '<html lang="en">' in html
    assert "This page is not yet available in English. Written in Spanish." in html
    assert '<div lang="es">' in html
    assert '<link rel="canonical" href="http://testserver/es/practices/camaras/">' in html
    assert client.get("/pt/practices/camaras/").status_code == 200


def test_unknown_and_unpublished_pages_still_answer_404(client, site):
    draft = InitiativePageFactory(parent=_index(InitiativeIndexPage, "en"), slug="draft")
    draft.unpublish()

    assert client.get("/es/initiatives/nothing-here/").status_code == 404
    assert client.get("/es/initiatives/draft/").status_code == 404
    assert client.get("/es/nothing/initiatives/").status_code == 404


def test_the_fallback_lookup_is_one_query(client, site):
    index = _index(InitiativeIndexPage, "es")
    from portal.i18n import fallback_child

    InitiativePageFactory(parent=_index(InitiativeIndexPage, "en"), slug="coffee-network")
    with CaptureQueriesContext(connection) as queries:
        found = fallback_child(index, "coffee-network")
    assert found.slug == "coffee-network" and len(queries) == 1


def test_the_language_switcher_on_a_fallback_page_keeps_the_path(client, site):
    InitiativePageFactory(parent=_index(InitiativeIndexPage, "en"), slug="coffee-network")

    html = client.get("/pt/initiatives/coffee-network/").content.decode()
    switcher = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)

    assert 'href="/initiatives/coffee-network/" hreflang="en"' in switcher
    assert 'href="/es/initiatives/coffee-network/" hreflang="es"' in switcher


def test_the_language_links_follow_a_translation_published_later(client, site):
    """The translations behind the switcher and the hreflang links are kept in the shared
    cache (portal_tags._translations): a translation published after the page was served
    takes its own address at once, and its slug change too."""
    initiative = InitiativePageFactory(
        parent=_index(InitiativeIndexPage, "en"), title="Coffee network", slug="coffee-network"
    )
    before = client.get("/initiatives/coffee-network/").content.decode()
    assert 'hreflang="es" href="http://testserver/es/initiatives/coffee-network/"' in before

    spanish = initiative.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.slug = "red-del-cafe"
    spanish.save_revision().publish()

    after = client.get("/initiatives/coffee-network/").content.decode()
    assert 'hreflang="es" href="http://testserver/es/initiatives/red-del-cafe/"' in after
    # The Spanish page itself: its own language, no fallback notice, English original named.
    spanish_html = client.get("/es/initiatives/red-del-cafe/").content.decode()
    assert "language-notice" not in spanish_html
    assert 'hreflang="en" href="http://testserver/initiatives/coffee-network/"' in spanish_html

    Page.objects.get(pk=spanish.pk).specific.unpublish()  # the live row, not the draft copy
    gone = client.get("/initiatives/coffee-network/").content.decode()
    assert "red-del-cafe" not in gone
