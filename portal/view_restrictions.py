"""Password-protected pages and collections (Wagtail's view restrictions): a guess at their
shared password is limited like a guess at an account's password.

Wagtail's own views accept unlimited guesses. These replace them (see ``portal/urls.py``) with
the same behaviour plus allauth's rate limiter, configured under
``ACCOUNT_RATE_LIMITS["view_restriction_password"]``: per network address, and per restriction
against guesses spread over many addresses.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.forms import PasswordViewRestrictionForm

# allauth's own login uses this (consume, then roll back on success): a right password does
# not count, and does not wipe the count either, so an attacker who knows one restriction's
# password cannot interleave it to keep guessing another's.
from allauth.core.internal import ratelimit

RATE_LIMIT_ACTION = "view_restriction_password"
TOO_MANY_GUESSES = _(
    "Too many wrong passwords from your network address. For your security, wait a few "
    "minutes and try again."
)


class RateLimitedPasswordForm(PasswordViewRestrictionForm):
    def __init__(self, *args, request, **kwargs):
        self.request = request
        self.rate_limited = False
        super().__init__(*args, **kwargs)

    def clean_password(self):
        restriction = self.restriction
        usage = ratelimit.consume(
            self.request,
            app="allauth.account",
            action=RATE_LIMIT_ACTION,
            key=f"{restriction._meta.label_lower}:{restriction.pk}",
        )
        if usage is None:
            self.rate_limited = True
            raise ValidationError(TOO_MANY_GUESSES, code="rate_limited")
        password = super().clean_password()  # raises on a wrong password: the try counts
        usage.rollback()
        return password


def authenticate_with_password(request, restriction, render_form):
    """Check a POSTed password against ``restriction``; ``render_form(form)`` renders the
    password page (with the form's errors). Refused for a while after too many wrong tries."""
    if request.method != "POST":
        return render_form(RateLimitedPasswordForm(instance=restriction, request=request))
    form = RateLimitedPasswordForm(request.POST, instance=restriction, request=request)
    if form.is_valid():
        return_url = form.cleaned_data["return_url"]
        if not url_has_allowed_host_and_scheme(
            return_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return_url = settings.LOGIN_REDIRECT_URL
        restriction.mark_as_passed(request)
        return redirect(return_url)
    response = render_form(form)
    if form.rate_limited:
        response.status_code = 429
    return response
