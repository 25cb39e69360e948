"""portal/vocabularies.py: the shared normalisation and reading a country from text."""

from django.utils import translation

import pytest

from portal.vocabularies import (
    _country_names,
    closest,
    country_from_text,
    country_suggestion,
    fold,
    fold_words,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        (" Perú ", "peru"),
        ("SÃO  PAULO", "sao paulo"),
        ("Straße", "strasse"),  # casefold, not lower
        ("C++", "c++"),  # punctuation stays: tags "C" and "C++" are different
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_words_drops_punctuation():
    assert fold_words("Côte d’Ivoire") == fold_words("cote d ivoire") == "cote d ivoire"
    assert fold_words("Bolivia (Plurinational State of)") == "bolivia plurinational state of"
    assert fold_words("a-01") == "a 01"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # ISO alpha-2 and alpha-3, any case
        ("PE", "PE"),
        ("pe", "PE"),
        ("PER", "PE"),
        ("bra", "BR"),
        # English, Spanish and Portuguese names, with or without accents, any case
        ("Peru", "PE"),
        ("Perú", "PE"),
        ("PERÚ", "PE"),
        ("  peru  ", "PE"),
        ("Brazil", "BR"),
        ("Brasil", "BR"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("Estados Unidos", "US"),
        ("Países Bajos", "NL"),  # es
        ("Holanda", "NL"),  # pt
        ("Costa do Marfim", "CI"),  # pt
        ("Côte d'Ivoire", "CI"),
        ("cote d ivoire", "CI"),
        # older and official names django-countries keeps beside its common ones
        ("Bolivia (Plurinational State of)", "BO"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        # everyday names django-countries does not list
        ("United States", "US"),
        ("UK", "GB"),
    ],
)
def test_country_from_text(text, code):
    assert country_from_text(text) == code


@pytest.mark.parametrize("text", ["", "   ", "XX", "ZZZ", "Atlantis", "Peruu", "12"])
def test_country_from_text_unknown(text):
    assert country_from_text(text) is None


def test_country_from_text_does_not_depend_on_the_active_language():
    for language in ("en", "es", "pt"):
        with translation.override(language):
            assert country_from_text("Brasil") == country_from_text("Brazil") == "BR"


def test_no_country_name_means_two_countries():
    # Names are collected in every site language; a clash would make the first language win
    # silently. Check against the data rather than a hard-coded count.
    from django.conf import settings

    from django_countries import countries

    seen = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for code in countries.countries:
                for _code, name in countries.translate_code(code):
                    assert seen.setdefault(fold_words(name), code) == code, name
    assert set(seen) <= set(_country_names())


@pytest.mark.parametrize(
    ("text", "code"), [("Peruu", "PE"), ("Brasill", "BR"), ("Mejico", "MX"), ("Atlantis", None)]
)
def test_country_suggestion(text, code):
    assert country_suggestion(text) == code


def test_short_codes_get_no_suggestion():
    # "XX" is close to nothing useful; a two- or three-letter guess would mislead.
    assert country_suggestion("XX") is None
    assert country_suggestion("PEX") is None


def test_closest():
    assert closest("coffe", ["coffee", "tea"]) == "coffee"
    assert closest("zzz", ["coffee", "tea"]) is None
