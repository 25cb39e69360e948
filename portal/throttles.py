"""Limits on what one account, and one address, may file on the public site: initiative
registrations, claims of imported initiatives, practices, event registrations.

The rates are ``settings.PORTAL_RATE_LIMITS`` (allauth's syntax: ``"5/1d/user,20/1d/ip"`` is
five a day per account and twenty a day per IP address); the counters are allauth's rate
limiter's, in the cache, so they are shared by every app server when Redis is configured and
the address honours ``DJANGO_TRUSTED_PROXY_COUNT`` like the login limits do.

A view calls ``throttle_consume`` once the submission is valid and just before it saves: a
refused submission saves nothing and shows ``THROTTLED_MESSAGE`` with status 429
(``THROTTLED_STATUS``); an invalid form is not counted."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# allauth.core.ratelimit.consume reads only allauth's own ACCOUNT_RATE_LIMITS; the internal
# module underneath takes the rates as an argument. Only this file depends on it.
from allauth.core.internal import ratelimit

THROTTLED_STATUS = 429
THROTTLED_MESSAGE = _(
    "You have sent too many submissions of this kind for now, from your account or from your "
    "network. Nothing was saved: please try again later."
)


def throttle_consume(request, *, action):
    """Count one ``action`` for the signed-in account and the visitor's address; ``False``
    (and nothing counted) once any of its limits is reached. GET requests are never counted."""
    config = settings.PORTAL_RATE_LIMITS
    kwargs = {"app": "portal", "action": action, "config": config}
    # A dry run first, so that a refusal by one limit does not use up another's allowance.
    if ratelimit.consume(request, dry_run=True, **kwargs) is None:
        return False
    return ratelimit.consume(request, **kwargs) is not None
