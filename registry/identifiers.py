"""An initiative's identifiers in other registries, each checked and written one way.

- European Cluster Collaboration Platform (ECCP): the profile's address on
  clustercollaboration.eu, or its profile name (the last part of that address), stored as the
  full ``https://`` address.
- ECLAC platform: the initiative's id there (letters, digits, ``.``, ``_``, ``-``).
- Wikidata: a QID, ``Q`` and digits (``q42`` or a ``wikidata.org`` address are read as ``Q42``).
- National registry number: free text in a limited character set (letters, digits, spaces and
  ``. / -``), such as a tax or chamber-of-commerce number.

``normalize_<kind>(value)`` returns the stored spelling or raises ``ValidationError`` with a
translated message; they are the model fields' validators (so the admin, the public form and
the CSV importer refuse the same values) and ``InitiativePage.clean()`` stores their answer.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ECCP_HOST = "clustercollaboration.eu"
ECCP_PROFILE_URL = "https://clustercollaboration.eu/cluster-organisations/{}"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"

_ECCP_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ECLAC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_QID = re.compile(r"Q[1-9][0-9]{0,11}")
_WIKIDATA_PATH = re.compile(r"/(?:wiki|entity)/(Q[1-9][0-9]{0,11})/?")
_NATIONAL_NUMBER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ./-]{0,58}[A-Za-z0-9])?")


def normalize_eccp_profile(value):
    value = (value or "").strip()
    if not value:
        return ""
    if _ECCP_SLUG.fullmatch(value) and len(value) <= 150:
        return ECCP_PROFILE_URL.format(value)
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if (
        parts.scheme in ("http", "https")
        and (host == ECCP_HOST or host.endswith("." + ECCP_HOST))
        and parts.path.strip("/")
        and not parts.username
        and len(value) <= 200
    ):
        return parts._replace(scheme="https", fragment="").geturl()
    raise ValidationError(
        _(
            "Give the address of the profile on clustercollaboration.eu (https://clustercollaboration.eu/cluster-organisations/…) or the profile name at its end."
        ),
        code="invalid_eccp",
    )


def normalize_eclac_id(value):
    value = (value or "").strip()
    if not value or _ECLAC_ID.fullmatch(value):
        return value
    raise ValidationError(
        _(
            "The ECLAC platform id has at most 40 letters, digits, dots, hyphens or underscores, starting with a letter or digit."
        ),
        code="invalid_eclac",
    )


def normalize_wikidata_id(value):
    value = (value or "").strip()
    if not value:
        return ""
    if _QID.fullmatch(value.upper()):
        return value.upper()
    parts = urlsplit(value)
    match = _WIKIDATA_PATH.fullmatch(parts.path)
    if parts.hostname in ("www.wikidata.org", "wikidata.org") and match:
        return match.group(1)
    raise ValidationError(
        _("A Wikidata identifier is the letter Q followed by digits, such as Q42."),
        code="invalid_wikidata",
    )


def normalize_national_registry_number(value):
    value = " ".join((value or "").split())
    if not value or _NATIONAL_NUMBER.fullmatch(value):
        return value
    raise ValidationError(
        _(
            "The national registry number has at most 60 letters, digits, spaces, dots, slashes or hyphens, starting and ending with a letter or digit."
        ),
        code="invalid_national_number",
    )


NORMALIZERS = {
    "eccp_profile": normalize_eccp_profile,
    "eclac_id": normalize_eclac_id,
    "wikidata_id": normalize_wikidata_id,
    "national_registry_number": normalize_national_registry_number,
}


def wikidata_url(qid):
    return WIKIDATA_URL.format(qid) if qid else ""


def json_ld_identifiers(page):
    """``(same_as, identifiers)`` for schema.org: the ECCP and Wikidata addresses (``sameAs``)
    and ``PropertyValue`` entries for the ids that have no address of their own."""
    same_as = [url for url in (page.eccp_profile, wikidata_url(page.wikidata_id)) if url]
    identifiers = [
        {"@type": "PropertyValue", "propertyID": property_id, "value": value}
        for property_id, value in (
            ("ECLAC", page.eclac_id),
            ("national-registry", page.national_registry_number),
            ("Wikidata", page.wikidata_id),
        )
        if value
    ]
    return same_as, identifiers
