"""Bounded integers for URLs and query strings.

Django's ``<int:...>`` converter and ``int()`` accept any number of digits, but the databases
do not: a 20-digit id reaches SQLite as "Python int too large to convert to SQLite INTEGER"
and PostgreSQL as NumericValueOutOfRange, both a 500. Every id in a URL goes through the
``id`` converter below (``path("initiatives/<id:pk>/", ...)``), registered once by
``PortalConfig.ready()``, and numeric GET parameters are bounded by ``MAX_INT`` (form fields'
``max_value``, ``portal.api.guard_input``): a number no table can hold is a 404 (path) or an
ignored/refused parameter, never a database error."""

from django.urls import register_converter

# The largest value every supported database stores in an integer column (SQLite INTEGER,
# PostgreSQL bigint): no row can have a larger id.
MAX_INT = 2**63 - 1


class IdConverter:
    """A positive database id: like ``int`` but a number past ``MAX_INT`` does not match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_INT:
            # ValueError means "no match" to the URL resolver: the request gets a 404.
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


def register_converters():
    register_converter(IdConverter, "id")
