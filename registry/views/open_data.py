"""The map endpoints and the open data (GeoJSON, JSON, CSV) of the registry, with the same
filters as the list, ETag and Last-Modified."""

import io
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from portal import page_cache

from .. import schema, selectors
from ..importers import export_rows, write_csv
from ..page_selectors import portal_settings
from ..verification import STAMPS, with_stamp

GEOJSON_PROPERTIES = schema.geojson_properties()
JSON_KEYS = [spec.name for spec in schema.open_data_fields()]
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
URL_KEYS = [spec.name for spec in schema.FIELDS if spec.kind in ("link", "image")]


def _conditional(request, queryset, *extra, sums=()):
    etag, last_modified = selectors.fingerprint(queryset, *extra, sums=sums)
    etag = f'"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    return etag, timestamp, response


def _finish(response, etag, timestamp, *, max_age=300):
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def map_geojson(request):
    """The map's markers: a compact GeoJSON FeatureCollection (id and coordinates only).

    The body and its validators are kept in the shared cache per language and filters until
    the next write to public content (``selectors.map_layer``): a request runs no query, for
    any visitor. A client that accepts gzip (every browser) gets the body gzipped as kept, an
    eighth of the plain one, compressed once per generation rather than by a proxy at every
    request. Not in the anonymous page cache, whose key does not name the encoding: the
    stored copy of one client would answer the other."""
    gzipped = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    etag, timestamp, body = selectors.map_layer(request.GET, gzipped=gzipped)
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is None:
        response = HttpResponse(body, content_type="application/geo+json")
        if gzipped:
            response["Content-Encoding"] = "gzip"
    else:
        response = not_modified
    patch_vary_headers(response, ["Accept-Encoding"])
    return _finish(response, etag, timestamp, max_age=60)


@require_GET
def popup(request, pk):
    page = selectors.initiative_get(pk)
    if page is None:
        raise Http404
    place = ", ".join(part for part in [page.city, page.region, page.country.name] if part)
    data = {
        "id": page.pk,
        "name": page.title,
        "url": page.get_url(request),
        "place": place,
        "kind": page.get_kind_display(),
        "stage": page.get_stage_display() if page.stage else "",
        "summary": page.summary,
    }
    response = JsonResponse(data)
    response["Cache-Control"] = "public, max-age=300"
    return page_cache.shared(response)


def _licence(request):
    settings = portal_settings(request)
    return {"name": settings.data_licence_name, "url": settings.data_licence_url}


def _geojson_feature(row):
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {
            "type": "Point",
            "coordinates": [float(row["longitude"]), float(row["latitude"])],
        },
        "properties": {name: row[name] for name in GEOJSON_PROPERTIES},
    }


def _absolute_rows(request, queryset):
    rows = selectors.open_data_rows(queryset, request=request)
    base = request.build_absolute_uri("/").rstrip("/")
    for row in rows:
        for name in URL_KEYS:
            if row[name].startswith("/"):
                row[name] = base + row[name]
    return rows


@require_GET
def data_geojson(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET, with_archived=True)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(
        request, with_stamp(queryset), "geojson", licence, sums=STAMPS
    )
    if not_modified is not None:
        return not_modified
    rows = _absolute_rows(request, queryset.located())
    body = {
        "type": "FeatureCollection",
        "licence": licence,
        "features": [_geojson_feature(row) for row in rows],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = 'inline; filename="initiatives.geojson"'
    return _finish(response, etag, timestamp)


@require_GET
def data_json(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET, with_archived=True)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(
        request, with_stamp(queryset), "json", licence, sums=STAMPS
    )
    if not_modified is not None:
        return not_modified
    rows = [{name: row[name] for name in JSON_KEYS} for row in _absolute_rows(request, queryset)]
    body = {"licence": licence, "count": len(rows), "initiatives": rows}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder), content_type="application/json"
    )
    return _finish(response, etag, timestamp)


@require_GET
def data_csv(request):
    _filterset, queryset = selectors.filtered_initiatives(request.GET, with_archived=True)
    licence = _licence(request)
    etag, timestamp, not_modified = _conditional(
        request, with_stamp(queryset), "csv", licence, sums=STAMPS
    )
    if not_modified is not None:
        return not_modified
    out = io.StringIO()
    write_csv(export_rows(queryset, private=False), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="initiatives.csv"'
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    return _finish(response, etag, timestamp)
