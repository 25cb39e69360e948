"""Search in the visitor's language (portal/search_backend.py): accents are ignored in every
language on every database; on PostgreSQL each page is also stemmed in its own language
(Spanish, Portuguese, English), and a query is read in every content language.

The same tests run on SQLite and PostgreSQL (CI runs both): where the two differ (SQLite's FTS5
does not stem) the expected result says which database gives which answer."""

from django.db import connection
from django.utils.text import slugify

from wagtail.models import Locale

import pytest

from portal.models import StandardPage

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def homes(home_page):
    homes = {"en": home_page}
    for code in ("es", "pt"):
        copy = home_page.copy_for_translation(Locale.objects.get(language_code=code))
        copy.save_revision().publish()
        homes[code] = copy
    return homes


def add_page(parent, title, intro=""):
    return parent.add_child(instance=StandardPage(title=title, slug=slugify(title), intro=intro))


@pytest.fixture
def pages(homes):
    return {
        "en": add_page(homes["en"], "Coffee from Perú", "Café owners exporting beans"),
        "es": add_page(homes["es"], "Exportación de café", "Cooperativas del Perú"),
        "pt": add_page(homes["pt"], "Exportação de açaí", "Associações do Pará"),
        "other": add_page(homes["en"], "Quinoa cluster", "Growers in Puno"),
    }


def found(query):
    return {page.title for page in StandardPage.objects.live().search(query)}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("cafe", {"Coffee from Perú", "Exportación de café"}),
        ("CAFÉ", {"Coffee from Perú", "Exportación de café"}),
        ("peru", {"Coffee from Perú", "Exportación de café"}),
        ("Perú", {"Coffee from Perú", "Exportación de café"}),
        ("exportacion", {"Exportación de café"}),
        ("exportacao", {"Exportação de açaí"}),
        ("acai para", {"Exportação de açaí"}),
        ("ASSOCIAÇÕES", {"Exportação de açaí"}),
        ("puno", {"Quinoa cluster"}),
    ],
)
def test_accents_are_ignored_in_every_language(pages, query, titles):
    assert found(query) == titles


EXPORT = {"Coffee from Perú", "Exportación de café", "Exportação de açaí"}


@pytest.mark.parametrize(
    ("query", "stemmed"),
    [
        # Spanish: the plural of the Spanish page's words.
        ("exportaciones", EXPORT),
        ("cooperativa", {"Exportación de café"}),
        # Portuguese.
        ("exportações", EXPORT),
        ("associação", {"Exportação de açaí"}),
        # English stemming keeps working.
        ("owner", {"Coffee from Perú"}),
        # A query is read in every language: the stem "export" of each page's language.
        ("exports", EXPORT),
        ("export", EXPORT),
    ],
)
def test_each_language_is_stemmed_on_postgresql(pages, query, stemmed):
    # SQLite's FTS5 matches whole words only (accents aside): none of these queries is a word
    # of the pages, only a form of one.
    assert found(query) == (stemmed if POSTGRES else set())


def test_a_page_is_stemmed_in_its_own_language(homes):
    # "exporta" (Spanish verb) and "exportaciones" share the Spanish stem "export"; English
    # stemming of the Spanish page would keep "exporta" and never match.
    add_page(homes["es"], "Perú exporta quinua")
    add_page(homes["en"], "Bolivia exporta quinoa")  # an English page: not stemmed as Spanish
    expected = {"Perú exporta quinua"} if POSTGRES else set()
    assert found("exportaciones") == expected


def test_an_object_without_a_locale_is_indexed_in_every_language():
    from wagtail.search.backends import get_search_backend

    from registry.models import Sector

    Sector.objects.create(code="Z9", name_en="Farm exports", name_es="Exportación agrícola")
    backend = get_search_backend()

    def codes(query):
        return {sector.code for sector in backend.search(query, Sector)}

    assert codes("exportacion") == codes("AGRICOLA") == {"Z9"}
    # Stemmed in English and in Spanish (PostgreSQL).
    assert codes("export") == codes("exportaciones") == ({"Z9"} if POSTGRES else set())


@pytest.mark.parametrize("language", ["en", "es", "pt"])
def test_the_site_search_ignores_accents_in_every_language(client, pages, language):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/search/?q=Peru")
    assert response.status_code == 200
    titles = {result["object"].title for result in response.context["results"]}
    # The Spanish page is shown to every visitor (no translation of it exists); the English one
    # too.
    assert titles == {"Coffee from Perú", "Exportación de café"}
