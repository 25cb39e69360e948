"""Who may write: a signed-in account with a verified email address."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress


def user_is_verified(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    memo = getattr(user, "_request_memo", None)  # portal.managed_pages.memoise_for_request
    if memo is not None and "verified" in memo:
        return memo["verified"]
    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    if memo is not None:
        memo["verified"] = verified
    return verified


def verified_member_required(view):
    """Views that write require a verified email: anonymous visitors go to login, unverified
    accounts are sent to the email management page with an explanation."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_verified(request.user):
            messages.warning(request, _("Please confirm your email address before you continue."))
            return redirect("account_email")
        return view(request, *args, **kwargs)

    return wrapper
