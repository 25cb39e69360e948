"""The one check of every web address a person types into Articula (initiative websites and
social links, member profile links, event and organisation links, call-to-action buttons).

Only ``http`` and ``https`` are accepted. Anything else (``javascript:``, ``data:``,
``vbscript:``, ``ftp:``, a protocol-relative ``//host``) would either run script when clicked
or surprise the reader. Browsers forgive a lot before they read the scheme: they drop leading
spaces and control characters and ignore tabs and newlines inside it, so ``" javascript:"``
and ``"java\\tscript:"`` both run. The check therefore refuses any whitespace or control
character anywhere, and compares the scheme without regard to case.

The same :func:`is_http_url` runs on input (the validators below, set on the model fields so
the Wagtail admin, the public forms and the importer agree) and on output (the ``safe_url``
template filter), so that a value stored before this check existed is never rendered as a link.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

HTTP_SCHEMES = ("http", "https")
# Whitespace, C0/C1 control characters and the Unicode line/paragraph separators.
_UNSAFE_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]")
_url_validator = URLValidator(schemes=list(HTTP_SCHEMES))


def is_http_url(value):
    """True if ``value`` is a string that a browser reads as an absolute http(s) address."""
    if not isinstance(value, str) or not value or _UNSAFE_CHARACTERS.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in HTTP_SCHEMES and bool(parts.hostname)


def _refuse(value, *, line=None):
    shown = value if len(value) <= 80 else value[:79] + "…"
    if line is None:
        message = _("“%(url)s” is not a web address starting with https:// or http://.")
        raise ValidationError(message, code="invalid_url", params={"url": shown})
    message = _("Line %(line)s: “%(url)s” is not a web address starting with https:// or http://.")
    raise ValidationError(message, code="invalid_url", params={"url": shown, "line": line})


def validate_http_url(value):
    """One web address (a ``URLField`` or a single-line field)."""
    if not value:
        return
    if not is_http_url(value):
        _refuse(value)
    try:
        _url_validator(value)
    except ValidationError:
        _refuse(value)


def validate_http_url_lines(value):
    """A text field holding one web address per line (blank lines and surrounding spaces are
    allowed, as :meth:`registry.models.InitiativePage.social_link_list` strips them)."""
    for number, line in enumerate((value or "").splitlines(), start=1):
        line = line.strip()
        if line and not _line_is_valid(line):
            _refuse(line, line=number)


def validate_http_url_list(value):
    """A JSON list of web addresses."""
    if value in (None, ""):
        return
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of web addresses."), code="invalid_url")
    for number, item in enumerate(value, start=1):
        if not isinstance(item, str) or not _line_is_valid(item):
            _refuse(str(item), line=number)


def _line_is_valid(value):
    try:
        validate_http_url(value)
    except ValidationError:
        return False
    return True
