"""One-click unsubscribe from every email the portal sends about content (digests, discussion
notifications), through a signed link that needs no login.

An app that sends such emails registers how to switch them off for one member::

    @hooks.register("register_email_optout")
    def discussions_optout():
        return EmailOptOut(key="discussions", label=_("Discussion notifications"),
                           opt_out=lambda user: DiscussionFollow.objects.filter(user=user).delete())

and puts :func:`unsubscribe_url` in its emails' footer. ``/unsubscribe/<token>/`` shows what
will stop and a confirm button (GET never changes anything: mail scanners follow links);
the POST calls every registered ``opt_out(user)``. The token, from
``signed_token("unsubscribe", user=pk)``, does not expire: an old email's link keeps working.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import Promise
from django.views.decorators.http import require_http_methods

from wagtail import hooks

from .signed_links import read_signed_token, signed_token

ACTION = "unsubscribe"


@dataclass(frozen=True)
class EmailOptOut:
    key: str
    label: str | Promise
    opt_out: Callable


def email_optouts():
    return [fn() for fn in hooks.get_hooks("register_email_optout")]


def unsubscribe_token(user):
    return signed_token(ACTION, user=user.pk)


def unsubscribe_url(user, *, language):
    """The absolute address of ``user``'s unsubscribe page, in ``language``."""
    from .emails import url_for

    return url_for("portal:unsubscribe", language=language, args=[unsubscribe_token(user)])


@transaction.atomic
def unsubscribe_all(user):
    """Switch every registered kind of email off for ``user``."""
    for optout in email_optouts():
        optout.opt_out(user)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    payload = read_signed_token(token, ACTION)
    user = None
    if payload and isinstance(payload.get("user"), int):
        user = get_user_model().objects.filter(pk=payload["user"], is_active=True).first()
    if user is None:
        raise Http404("unknown unsubscribe link")
    done = False
    if request.method == "POST":
        unsubscribe_all(user)
        done = True
    return render(
        request,
        "portal/unsubscribe.html",
        {"optouts": email_optouts(), "done": done},
    )
