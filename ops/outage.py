"""The page of a database outage: 503 Service Unavailable, not the 500 page.

When PostgreSQL restarts, fails over or is unreachable, every request that needs it raises
``OperationalError`` (or ``InterfaceError`` on a connection that died in use). The exception
may come from the view, or from middleware that reads the database before any view runs (the
session, through the signed-in user). Django converts an exception into a response inside each
middleware layer (``convert_exception_to_response``), so an outer middleware never sees it;
every such conversion ends in the project's ``handler500`` while the exception is being
handled. That handler (``server_error`` below, set in portal/urls.py) is therefore the one
place that sees them all: a database outage gets this page, anything else the site's 500 page.

The page is a standalone template rendered without the request (no context processors, no
site settings, no signed-in user): it reads nothing from the database. It is in the visitor's
language (URL prefix, language cookie or Accept-Language), carries ``Retry-After: 10`` (the
database usually returns within seconds: Django reconnects by itself, see ``conn_health_checks``
in settings) and is never cached.
"""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from portal.views import server_error as site_server_error

RETRY_AFTER_SECONDS = 10
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(error):
    """Whether ``error`` says the database cannot be reached (as opposed to a bug)."""
    return isinstance(error, OUTAGE_ERRORS)


def service_unavailable(request):
    """The 503 page, in the visitor's language, without touching the database."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        html = render_to_string("503.html", {"language": translation.get_language()})
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """``handler500``: Django calls it while handling the uncaught exception."""
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    return site_server_error(request)
