from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, so emails sent later speak it."""

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or ""
        return super().save_user(request, user, form, commit=commit)
