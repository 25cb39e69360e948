"""Helpers for the account tests."""

import re
from html import unescape

from django.utils import translation
from django.utils.html import escape

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

# (URL prefix, language) for the three languages the site speaks.
LANGUAGES = [("", "en"), ("/es", "es"), ("/pt", "pt")]


def translated(language, message, **params):
    """``message`` in ``language`` (formatted with ``params``); for es/pt it must differ from
    the English, so a missing catalog cannot pass unnoticed."""
    with translation.override(language):
        text = str(translation.gettext(message))
    if language != "en":
        assert text != message, f"{message!r} is not translated into {language}"
    return text % params if params else text


def assert_shows(response, text):
    """The page shows ``text`` (compared on unescaped HTML so quotes and accents match)."""
    content = unescape(response.content.decode())
    assert unescape(escape(text)) in content or text in content, f"{text!r} not found in the page"


def confirmation_url(message):
    """The confirmation link in an allauth email (path only)."""
    match = re.search(r"https?://[^/\s]+(/\S*/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def signup_data(*, email="ana@example.org", username="ana", password="a-Long-enough-pass-42"):
    return {"email": email, "username": username, "password1": password, "password2": password}


def is_logged_in(client):
    return "_auth_user_id" in client.session


def current_code(secret):
    """The TOTP code an authenticator app would show now for ``secret``."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def activate_totp(user):
    """Turn on TOTP for ``user``; returns the secret (for :func:`current_code`)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
