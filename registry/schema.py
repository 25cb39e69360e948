"""The public fields of an initiative, declared once.

Every outward form of an initiative derives from ``FIELDS``: the CSV columns (import and
export, the data contract of docs/architecture.md, in this order), the open-data JSON rows and the API's
``Initiative`` schema, the GeoJSON properties (also a contract there), the Wagtail API's
``api_fields`` and what the importer assigns from a CSV row. A new public field is one line here
(and a migration for the model field); ``tests/registry/test_schema.py`` checks that the
derived lists agree with this declaration and with the contracts.

Kinds (how a value is read from a CSV cell and written to JSON):
``text``, ``url``, ``email``: strings; ``choice``: a value of the model field's choices;
``country``: an ISO code; ``int``, ``decimal``: numbers (empty: null); ``date``: ISO date;
``sectors``, ``tags``: lists (``;`` in CSV); ``id``, ``link``, ``image``: computed for output
only (the page id, its URL, the logo's URL).
"""

from dataclasses import dataclass

LIST_KINDS = ("sectors", "tags")
NUMBER_KINDS = ("int", "decimal")


@dataclass(frozen=True)
class FieldSpec:
    name: str  # column in CSV, key in JSON and GeoJSON
    attribute: str = ""  # the InitiativePage attribute ("" for computed values)
    kind: str = "text"
    private: bool = False  # never in public output (the public CSV leaves it empty)
    csv: bool = True  # a CSV column (import and export)
    geojson: bool = False  # a GeoJSON property
    open_data: bool = True  # in the JSON rows (and the API's schema) unless private
    page_api: bool = True  # in InitiativePage.api_fields (Wagtail's page API)
    required: bool = False  # the import refuses a row without it
    minimum: int | None = None  # numbers: the range the import accepts
    maximum: int | None = None  # (None for year_founded's maximum: the current year)
    imported: bool = True  # False: exported only, never assigned from a CSV row

    @property
    def model_attribute(self):
        return self.attribute or self.name

    @property
    def is_column(self):
        """Stored in the page's own table (read with ``values()``)."""
        return self.kind not in (*LIST_KINDS, "id", "link", "image")


FIELDS = (
    FieldSpec("id", kind="id", csv=False, geojson=True, page_api=False),
    FieldSpec("external_id", page_api=False),
    FieldSpec("name", "title", required=True, geojson=True, page_api=False),
    FieldSpec("url", kind="link", csv=False, geojson=True, page_api=False),
    FieldSpec("acronym"),
    FieldSpec("kind", kind="choice", geojson=True),
    FieldSpec("status", kind="choice"),
    FieldSpec("country", kind="country", required=True, geojson=True),
    FieldSpec("region", geojson=True),
    FieldSpec("city", geojson=True),
    FieldSpec("latitude", kind="decimal", minimum=-90, maximum=90),
    FieldSpec("longitude", kind="decimal", minimum=-180, maximum=180),
    FieldSpec("sectors", kind="sectors", geojson=True),
    FieldSpec("tags", kind="tags", geojson=True),
    FieldSpec("year_founded", kind="int", minimum=1900),
    FieldSpec("stage", kind="choice", geojson=True),
    FieldSpec("managing_organization"),
    FieldSpec("member_firms", kind="int", minimum=0, maximum=10_000_000),
    FieldSpec("website", kind="url"),
    FieldSpec("contact_email", kind="email", private=True, page_api=False),
    FieldSpec("summary"),
    # Identifiers in other registries and the quality label (issue 15), after the first
    # contract's columns so that older files and readers keep working.
    FieldSpec("eccp_profile", kind="url", geojson=True),
    FieldSpec("eclac_id", geojson=True),
    FieldSpec("wikidata_id", geojson=True),
    FieldSpec("national_registry_number", geojson=True),
    FieldSpec("quality_label", kind="choice", geojson=True),
    FieldSpec("quality_label_scheme", kind="choice"),
    FieldSpec("quality_label_year", kind="int", minimum=1990),
    FieldSpec("last_verified_on", kind="date", csv=False),
    FieldSpec("logo", kind="image", csv=False),
    # Stewardship (registry/verification.py): annotations of the open-data query, output only.
    FieldSpec("verified_by", geojson=True, page_api=False, imported=False),
    FieldSpec("verified_on", kind="date", geojson=True, page_api=False, imported=False),
    FieldSpec("record_state", geojson=True, page_api=False, imported=False),
    # The page API's richer view (not in the flat open data).
    FieldSpec("description", kind="blocks", csv=False, open_data=False),
    FieldSpec("location_precision", kind="choice", csv=False, open_data=False),
    FieldSpec("organization_type", kind="choice", csv=False, open_data=False),
    FieldSpec("member_smes", kind="int", csv=False, open_data=False),
    FieldSpec("value_chain", csv=False, open_data=False),
    FieldSpec("indicators", kind="rows", csv=False, open_data=False),
)


def csv_fields():
    return [spec for spec in FIELDS if spec.csv]


def csv_columns():
    """The CSV header, in the order of the contract (docs/architecture.md)."""
    return [spec.name for spec in csv_fields()]


def import_fields():
    """The CSV columns the importer reads (the exported-only ones are left out)."""
    return [spec for spec in csv_fields() if spec.imported]


def import_columns():
    return [spec.name for spec in import_fields()]


def numeric_columns():
    """CSV columns written as numbers (left alone by the formula guard)."""
    return [spec.name for spec in csv_fields() if spec.kind in NUMBER_KINDS]


def assigned_attributes():
    """The page attributes the importer sets from a row's own cells (lists are set apart)."""
    return [spec.model_attribute for spec in import_fields() if spec.kind not in LIST_KINDS]


def open_data_fields():
    """The open-data JSON rows' keys (the public ones: the API's ``Initiative`` schema)."""
    return [spec for spec in FIELDS if spec.open_data and not spec.private]


def row_fields():
    """Every field of an open-data row (the CSV columns and the JSON keys, private included)."""
    return [spec for spec in FIELDS if spec.open_data or spec.csv]


def geojson_properties():
    return [spec.name for spec in FIELDS if spec.geojson]


def page_api_attributes():
    return [spec.model_attribute for spec in FIELDS if spec.page_api]


API_TYPES = {
    "id": int,
    "int": int | None,
    "decimal": float | None,
    "date": str | None,
    "image": str | None,
    "sectors": list[str],
    "tags": list[str],
}


def api_type(spec):
    """The Python type of a field in the API's ``Initiative`` schema."""
    return API_TYPES.get(spec.kind, str)
