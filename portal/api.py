"""What the project adds to the two ninja APIs mounted at /api/ (portal/api_urls.py):

- ``register_api_schemas``: a read schema for django-countries' ``CountryField`` in Wagtail's
  v3 API, whose generated schema otherwise types it ``str`` and then fails (422) on the
  ``Country`` object every initiative carries;
- ``guard_input``: one check of the request before either API sees it, so that input the
  databases cannot take is never a 500: a NUL byte or a number past 64 bits is a 400 with a
  clear message (an id past 64 bits in the path a 404), and ``search`` reaches the backend as
  plain words. Like Wagtail's and Ninja's own errors, these messages are in English: /api/
  has no language prefix and speaks to programs."""

import re
from functools import wraps

from .converters import MAX_INT
from .search import MAX_QUERY_LENGTH, QueryTooLong, normalise_query

# Free-text parameters: a long run of digits there is a search term, not a number.
TEXT_PARAMS = frozenset({"search", "q", "html_path", "region", "tag"})
INTEGER_RE = re.compile(r"^\s*[+-]?\d+\s*$")
# Wagtail's ``site`` filter splits "host:port" and looks the port up as a number.
SITE_RE = re.compile(r"^[^:]*(:\d{1,5})?$")


def country_schema(generator, field):
    """``(annotation, default, resolver)`` for ``read_generator``: the ISO 3166 code or null."""
    name = field.name

    def resolve(obj):
        country = getattr(obj, name, None)
        return country.code if country else None

    return str | None, None, staticmethod(resolve)


def register_api_schemas():
    from wagtail.api.v3.schemas.generators.read import read_generator

    from django_countries.fields import CountryField

    read_generator.register_field_schema(CountryField, country_schema)


def too_large(value):
    return bool(INTEGER_RE.match(value)) and abs(int(value)) > MAX_INT


def input_error(request):
    """The message for the first query parameter neither API can take, or ``None``."""
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return "Query parameters must not contain NUL characters."
        if key == "site" and not all(SITE_RE.match(value) for value in values):
            return "“site” must be a host name, optionally followed by :port."
        if key in TEXT_PARAMS:
            continue
        for value in values:
            if too_large(value):
                return f"The number in “{key}” is too large."
    return None


def guard_input(view):
    """Wrap one API view: refuse what ``input_error`` finds (400, problem+json) and hand
    ``search`` to the backend as plain words (``portal.search.normalise_query``)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from wagtail.api.v3.errors import problem_response

        # An id in the path past what any table holds: no such object.
        if any(isinstance(value, str) and too_large(value) for value in kwargs.values()):
            return problem_response(status=404, detail="Not found")
        message = input_error(request)
        if message:
            return problem_response(status=400, detail=message)
        if "search" in request.GET:
            # Query syntax (a lone ") breaks the database backend's full-text search, and an
            # empty query fails in it: plain words only, and a blank search is no search.
            request.GET = request.GET.copy()
            try:
                query = normalise_query(request.GET["search"])
            except QueryTooLong:
                return problem_response(
                    status=400, detail=f"“search” is longer than {MAX_QUERY_LENGTH} characters."
                )
            if query:
                request.GET["search"] = query
            else:
                del request.GET["search"]
        return view(request, *args, **kwargs)

    return wrapper


def guarded(urls):
    """``api.urls`` with every view wrapped in ``guard_input``."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = guard_input(pattern.callback)
    return patterns, app_name, namespace
