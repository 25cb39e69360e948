from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from allauth.account import app_settings as allauth_account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit

from portal.emails import (
    absolute_url,
    display_name,
    localized_link,
    site_base_url,
    supported_language,
)


def home_url():
    """The home page in the active language (``/``, ``/es/``, ``/pt/``)."""
    return reverse("wagtail_serve", args=[""])


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, and speaks it in the emails allauth sends.

    The confirmation email answers what the person is doing right now, so it follows the
    language of the request (the one they signed up or added an address in); every other
    email (password reset, security notifications) follows the account's preferred language,
    falling back to the request's. Its links start with the one base of every email
    (``portal.emails.site_base_url``, not the host of the request) and sit under the prefix of
    the language the email is written in; it greets the person by display name. Redirects after
    login, signup and logout land on the home page in the visitor's language rather than on the
    English one.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts for this account. For your security, signing in is "
            "paused for a few minutes: wait five minutes and try again, or reset your password."
        ),
        "too_many_login_attempts_from_address": _(
            "Too many failed login attempts from your network address. For your security, "
            "signing in from this address is paused for a moment: wait a minute and try again."
        ),
    }

    def validation_error(self, code, *args):
        """Failed logins are limited per account and per network address (the
        ``login_failed`` rates); allauth words both as the account's fault. When the address's
        limit is the one reached, say so: the person did nothing wrong with their account (a
        shared network, someone else guessing)."""
        if code == "too_many_login_attempts" and self._address_login_limit_reached():
            code = "too_many_login_attempts_from_address"
        return super().validation_error(code, *args)

    @staticmethod
    def _address_login_limit_reached():
        request = allauth_context.request
        rates = allauth_account_settings.RATE_LIMITS.get("login_failed") or ""
        per_address = ",".join(
            rate for rate in rates.split(",") if ratelimit.parse_rate(rate.strip()).per == "ip"
        )
        if request is None or not per_address:
            return False
        # A dry run of the address's rates alone, on the same counters as the real check.
        return not ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": per_address},
            dry_run=True,
        )

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return home_url()

    def get_signup_redirect_url(self, request):
        return home_url()

    def get_logout_redirect_url(self, request):
        return home_url()

    def send_mail(self, template_prefix, email, context):
        language = supported_language(translation.get_language()) or settings.LANGUAGE_CODE
        user = context.get("user") or self._user_for_email(email)
        if not template_prefix.startswith("account/email/email_confirmation"):
            language = supported_language(getattr(user, "preferred_language", "")) or language
        context = {
            # "Hello from Articula!" rather than from the bare host name.
            "current_site": SimpleNamespace(
                name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_base_url()).netloc
            ),
            "name": display_name(user) if user is not None else "",
            **context,
        }
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str):
                context[key] = localized_link(value, language=language)
        with translation.override(language):
            # As allauth's own send_mail, without its get_current_site(request): emails also
            # go out where there is no request (a resend from a task or the shell).
            message = self.render_mail(
                template_prefix,
                email,
                {"request": allauth_context.request, "email": email, **context},
            )
            message.send()

    def get_email_confirmation_url(self, request, emailconfirmation):
        """On the base of every email, whether or not there is a request (allauth's own needs
        one, or ``django.contrib.sites``)."""
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        # As allauth builds it (flows.password_reset), on the base of every email.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    @staticmethod
    def _user_for_email(email):
        from allauth.account.models import EmailAddress

        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        return address.user if address else None
