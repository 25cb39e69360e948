"""Country shapes for the choropleth: the vendored world-atlas TopoJSON
(``static/vendor/world-atlas/countries-110m.json``, Natural Earth 1:110m) turned into SVG path
data once per process (``functools.cache``: static data of the deploy, like the country names
of ``portal.vocabularies``).

TopoJSON stores shared borders once, as quantised, delta-encoded arcs; a polygon ring is a list
of arc indexes (``~i`` for arc ``i`` reversed). Countries are keyed by ISO 3166-1 numeric code
in the file and by alpha-2 here (django-countries maps one to the other). The projection is
equirectangular, cropped to latitudes 84 N .. 58 S (no Antarctica): plain, and the regions
this site covers keep their familiar shapes.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from django_countries import countries

ATLAS = Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH = 1000  # SVG units for 360 degrees of longitude
SCALE = WIDTH / 360
NORTH, SOUTH = 84.0, -58.0
HEIGHT = round((NORTH - SOUTH) * SCALE)
ANTARCTICA = "010"


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 alpha-2, "" when the shape has no ISO code (Kosovo, N. Cyprus)
    name: str  # the atlas's English name (the page shows django-countries' translated name)
    d: str  # SVG path data
    bbox: tuple  # (x0, y0, x1, y1) in SVG units


def project(lon, lat):
    lat = max(SOUTH, min(NORTH, lat))
    return round((lon + 180) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def decode_arcs(topology):
    """Absolute [lon, lat] points of every arc."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def crosses_antimeridian(points):
    """A ring drawn across the whole map (Fiji, Chukotka): left out rather than drawn as a
    band from one edge to the other."""
    return any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False))


def ring_path(points):
    if crosses_antimeridian(points):
        return "", []
    projected = []
    for lon, lat in points:
        xy = project(lon, lat)
        if not projected or projected[-1] != xy:
            projected.append(xy)
    if len(projected) < 3:
        return "", []
    head, *tail = projected
    return f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z", projected


def geometry_path(geometry, arcs):
    polygons = geometry.get("arcs") or []
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    parts, xs, ys = [], [], []
    for polygon in polygons:
        for ring in polygon:
            d, projected = ring_path(ring_points(ring, arcs))
            if d:
                parts.append(d)
                xs.extend(x for x, _ in projected)
                ys.extend(y for _, y in projected)
    bbox = (min(xs), min(ys), max(xs), max(ys)) if xs else (0, 0, 0, 0)
    return "".join(parts), bbox


@functools.cache
def country_shapes():
    """Every country of the atlas as a :class:`CountryShape`, in the file's order."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        d, bbox = geometry_path(geometry, arcs)
        if not d:
            continue
        code = (countries.alpha2(numeric) or "") if numeric else ""
        shapes.append(
            CountryShape(
                code=code, name=geometry.get("properties", {}).get("name", ""), d=d, bbox=bbox
            )
        )
    return tuple(shapes)


def view_box(codes, *, margin=20, min_width=240):
    """The SVG viewBox framing the countries ``codes`` (the whole map when none is known)."""
    boxes = [shape.bbox for shape in country_shapes() if shape.code in codes]
    if not boxes:
        return (0, 0, WIDTH, HEIGHT)
    x0 = min(b[0] for b in boxes) - margin
    y0 = min(b[1] for b in boxes) - margin
    x1 = max(b[2] for b in boxes) + margin
    y1 = max(b[3] for b in boxes) + margin
    if x1 - x0 < min_width:
        grow = (min_width - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    if y1 - y0 < min_width * 0.6:
        grow = (min_width * 0.6 - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(WIDTH, x1), min(HEIGHT, y1)
    return (round(x0), round(y0), round(x1 - x0), round(y1 - y0))
