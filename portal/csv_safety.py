"""Spreadsheet formula injection (CSV injection): the one place every CSV Articula writes goes
through, and the one place the importer undoes it.

A spreadsheet program reads a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so a member who names an initiative ``=HYPERLINK(...)`` could
make a staff member's spreadsheet fetch or run something. Following OWASP, such a text cell is
written with a leading single quote (``'=HYPERLINK(...)``); the csv module quotes the cell when
it needs to.

Numbers stay numbers. Only *text* is neutralised: a value that is an ``int``, ``float`` or
``Decimal`` is written as is, and writers name the columns that hold numbers formatted as text
(``numeric_columns``), so a longitude ``-74.070000`` is not altered. The decision is by column,
not by "does this look like a number", because a city called ``-3`` is text.

The quote is reversible: :func:`unescape_cell` removes it again when it precedes one of those
characters, so an export read back by the importer gives back the exact value. A value that
itself begins with quotes before such a character (``'=x``) gets one more quote on the way out,
so that removing one on the way in is always right.
"""

import csv
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_TYPES = (int, float, Decimal)  # bool is an int


def _needs_quote(text):
    return text.lstrip("'")[:1] in FORMULA_TRIGGERS


def safe_cell(value):
    """``value`` ready for a CSV cell: text that a spreadsheet would read as a formula gets a
    leading ``'``; numbers, ``None`` and other text are returned unchanged."""
    if value is None or isinstance(value, _NUMBER_TYPES):
        return value
    text = str(value)
    return "'" + text if _needs_quote(text) else text


def unescape_cell(text):
    """The inverse of :func:`safe_cell` for one imported text cell."""
    if text.startswith("'") and _needs_quote(text):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` whose rows pass through :func:`safe_cell` (``numeric_columns``: indexes of
    the columns to leave alone)."""

    def __init__(self, out, *, numeric_columns=(), **kwargs):
        self._writer = csv.writer(out, **kwargs)
        self._numeric = set(numeric_columns)

    def writerow(self, row):
        return self._writer.writerow(
            cell if index in self._numeric else safe_cell(cell) for index, cell in enumerate(row)
        )

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose values pass through :func:`safe_cell`, except in the columns named
    in ``numeric_columns``."""

    def __init__(self, out, fieldnames, *, numeric_columns=(), **kwargs):
        super().__init__(out, fieldnames, **kwargs)
        self._numeric = set(numeric_columns)

    def writerow(self, rowdict):
        return super().writerow(
            {
                name: value if name in self._numeric else safe_cell(value)
                for name, value in rowdict.items()
            }
        )

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


class SafeSpreadsheetExportMixin:
    """For a Wagtail ``IndexView`` with ``list_export``: its CSV export goes through
    :func:`safe_cell` too (Wagtail's XLSX export already writes formulas as text)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == "csv" else value
