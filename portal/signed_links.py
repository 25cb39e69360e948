"""Links that let a person do one thing without signing in (unsubscribe from emails, confirm
that a record is still correct), signed with the site's secret.

``signed_token(action, **payload)`` makes the token; ``read_signed_token(token, action,
max_age=...)`` returns the payload, or ``None`` when the token was altered, made for another
action, or is older than ``max_age`` (a ``timedelta`` or seconds; ``None`` for no limit).
Each action has its own salt, so a token for one action never works for another.
"""

from django.core import signing

SALT_PREFIX = "articula.signed-link."


def signed_token(action, **payload):
    return signing.dumps(payload, salt=SALT_PREFIX + action, compress=True)


def read_signed_token(token, action, *, max_age=None):
    try:
        return signing.loads(token, salt=SALT_PREFIX + action, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
