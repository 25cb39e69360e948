"""The open data sets each app publishes, gathered into the bulk download (one ZIP of CSV and
GeoJSON files with a Frictionless ``datapackage.json``) without importing another app::

    @hooks.register("register_open_dataset")
    def initiatives():
        return OpenDataset(
            key="initiatives", title=_("Cluster initiatives"), order=10,
            fields=(OpenDataField("name", "string", _("Name of the initiative")), ...),
            rows=lambda: ({"name": page.title, ...} for page in ...),
            geojson=lambda: {"type": "FeatureCollection", "features": [...]},
        )

``fields``: the columns, in order, with a Frictionless / Table Schema type (``FIELD_TYPES``);
``rows()``: an iterable of dicts keyed by field name (public data only, spreadsheet-safe
values are the writer's job); ``geojson()``: optional, a FeatureCollection of the same records.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "year", "array")


@dataclass(frozen=True)
class OpenDataField:
    name: str
    type: str
    description: str = ""

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"OpenDataField.type must be one of {FIELD_TYPES}")


@dataclass(frozen=True)
class OpenDataset:
    key: str
    title: str
    order: int
    fields: tuple
    rows: Callable
    geojson: Callable | None = None


def open_datasets():
    datasets = [fn() for fn in hooks.get_hooks("register_open_dataset")]
    return sorted(datasets, key=lambda dataset: (dataset.order, dataset.key))
