"""The registry's open data in the read API (/api/initiatives...), documented by an OpenAPI
schema (/api/openapi.json, docs at /api/docs/). The endpoints answer exactly like the
open-data URLs under /initiatives/ (same filters, licence, ETag and Last-Modified)."""

from django.http import Http404

from ninja import NinjaAPI, Query, Schema
from pydantic import create_model

from . import schema, views

api = NinjaAPI(
    title="Articula open data",
    version="1.0.0",
    description=(
        "Cluster initiatives of the Articula registry as JSON, GeoJSON (RFC 7946) and CSV. "
        "Every list endpoint takes the registry's filters. Pages (initiatives, practices, "
        "events, news) are also available through Wagtail's API at /api/v3/."
    ),
    urls_namespace="registry_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)


class Filters(Schema):
    q: str | None = None
    country: str | None = None
    region: str | None = None
    sector: str | None = None
    stage: str | None = None
    kind: str | None = None
    tag: str | None = None
    label: str | None = None
    verified: str | None = None


class Licence(Schema):
    name: str
    url: str


# The JSON rows' fields, from the one declaration of the public fields.
Initiative = create_model(
    "Initiative",
    __base__=Schema,
    **{spec.name: (schema.api_type(spec), ...) for spec in schema.open_data_fields()},
)


class InitiativeList(Schema):
    licence: Licence
    count: int
    initiatives: list[Initiative]


class Popup(Schema):
    id: int
    name: str
    url: str
    place: str
    kind: str
    stage: str
    summary: str


@api.get("/initiatives", response=InitiativeList, summary="Initiatives as JSON")
def initiatives_json(request, filters: Query[Filters]):
    return views.data_json(request)


@api.get(
    "/initiatives.geojson",
    summary="Initiatives as a GeoJSON FeatureCollection",
    description="Points are [longitude, latitude]; properties: "
    + ", ".join(schema.geojson_properties())
    + ".",
    openapi_extra={"responses": {200: {"description": "application/geo+json"}}},
)
def initiatives_geojson(request, filters: Query[Filters]):
    return views.data_geojson(request)


@api.get(
    "/initiatives.csv",
    summary="Initiatives as CSV (the import columns; contact_email left empty)",
    openapi_extra={"responses": {200: {"description": "text/csv"}}},
)
def initiatives_csv(request, filters: Query[Filters]):
    return views.data_csv(request)


@api.get("/initiatives/{initiative_id}", response=Popup, summary="One initiative (summary)")
def initiative_detail(request, initiative_id: int):
    try:
        return views.popup(request, initiative_id)
    except Http404:
        raise
