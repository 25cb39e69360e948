"""Requests that no view can serve sensibly are refused before any view runs."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    """A NUL byte in the path or a query parameter is a 400. PostgreSQL refuses NUL in any text
    value ("A string literal cannot contain NUL characters"), so every filter, search and
    autocomplete that passes a parameter to a query would otherwise answer 500 there, while
    SQLite quietly accepts it. After LocaleMiddleware: the message is in the visitor's language.
    The API (``/api/``) has its own guard that answers in JSON (portal/api.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            return self.get_response(request)
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("The address contains a NUL character, which is not allowed."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
