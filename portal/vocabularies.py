"""Vocabularies shared by several apps.

``OrganizationType``: the kind of an organization, for a member's employer
(``community.MemberProfile.organization_type``) and for the body that manages an initiative
(``registry.InitiativePage.organization_type``). The registry once had its own shorter list with
``public`` for a public agency; its migration ``0005`` maps it to ``public_agency``.

``country_from_text``: the country a person means by a code or a name in any site language
(the CSV import; the member directory and filters can use it too). ``fold``/``fold_words``: the
one normalisation for matching text against a vocabulary (countries, sectors, tags).
"""

import difflib
import functools
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from django_countries import countries


class OrganizationType(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    PUBLIC_AGENCY = "public_agency", _("Public or development agency")
    ASSOCIATION = "association", _("Business association")
    CLUSTER = "cluster", _("Cluster initiative")
    UNIVERSITY = "university", _("University or research centre")
    PRIVATE = "private", _("Private company")
    CONSULTANCY = "consultancy", _("Consultancy")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


# Values stored before the enum was shared, and what they mean now.
LEGACY_ORGANIZATION_TYPES = {"public": OrganizationType.PUBLIC_AGENCY.value}


# -- Matching text against a vocabulary -----------------------------------------------------

NON_WORD = re.compile(r"[\W_]+")


def fold(text):
    """``text`` as people mean it: accents stripped, case folded, whitespace collapsed
    (``" Perú "`` and ``"PERU"`` both give ``"peru"``). Punctuation stays, so that tags such as
    "C" and "C++" remain apart."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def fold_words(text):
    """:func:`fold` without punctuation, for names of places and sectors, which people write with
    or without it: ``"Côte d’Ivoire"`` and ``"cote d ivoire"`` give the same key."""
    return " ".join(NON_WORD.sub(" ", fold(text)).split())


def closest(key, keys, *, cutoff=0.8):
    """The one of ``keys`` nearest to ``key`` by spelling (``difflib``), or None: the "did you
    mean" of an error message."""
    matches = difflib.get_close_matches(key, keys, n=1, cutoff=cutoff)
    return matches[0] if matches else None


# -- Countries ------------------------------------------------------------------------------

# Everyday names django-countries does not list (its English name is "United States of America";
# "UK" is reserved by ISO for the United Kingdom without being its code).
COUNTRY_ALIASES = {
    "United States": "US",
    "Estados Unidos da América": "US",
    "EE. UU.": "US",
    "EEUU": "US",
    "EUA": "US",
    "UK": "GB",
}


@functools.cache
def _country_names():
    """``{fold_words(name): code}`` for every name django-countries gives a country in each
    site language, with the older and longer names it keeps as well ("Bolivia (Plurinational
    State of)", "Czech Republic"). Static data: built once per process. On a clash the first
    language of ``LANGUAGES`` (English) wins."""
    table = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            for code in countries.countries:
                names = [name for _code, name in countries.translate_code(code)]
                names += [str(name) for name in countries.shadowed_names.get(code, [])]
                for name in names:
                    key = fold_words(name)
                    if key:
                        table.setdefault(key, code)
    for name, code in COUNTRY_ALIASES.items():
        table.setdefault(fold_words(name), code)
    return table


def country_from_text(text):
    """The ISO 3166-1 alpha-2 code ``text`` names, or None. ``text`` is a code (``"pe"``,
    ``"PER"``) or a name in English, Spanish or Portuguese, with or without accents, in any
    case: ``"Perú"``, ``"peru"``, ``"Brasil"``, ``"Estados Unidos"``."""
    key = fold_words(text)
    if not key:
        return None
    if len(key) in (2, 3) and key.isalpha():
        code = countries.alpha2(key)
        if code:
            return code
    return _country_names().get(key)


def country_suggestion(text):
    """The code of the country whose name is spelled closest to ``text``, or None."""
    key = fold_words(text)
    match = closest(key, list(_country_names())) if len(key) > 3 else None
    return _country_names()[match] if match else None
