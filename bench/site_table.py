"""The page types of ``bench_site.py``, the targets of issue 13 and the printed table: pure
functions (no Django, no network), tested in ``tests/bench/test_site_table.py``.

A result row is a dict::

    {"database": "sqlite", "size": "demo", "mode": "uncached", "page": "initiative",
     "ratio": 14.2, "queries": 9, "gzip_bytes": 8123, "p50_ms": 31.0, "p95_ms": 40.2,
     "errors": 0, "status": 200}

``ratio``, ``queries``... may be None when a figure could not be taken (a page type without
any page in the database, a server error).
"""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    key: str
    label: str
    kind: str  # floor, detail, list, search, map


PAGES = (
    PageType("floor", "floor (/healthz)", "floor"),
    PageType("home-en", "home (en)", "list"),
    PageType("home-es", "home (es)", "list"),
    PageType("standard", "standard page", "detail"),
    PageType("registry", "registry list", "list"),
    PageType("registry-filtered", "registry filtered", "list"),
    PageType("initiative", "initiative page", "detail"),
    PageType("map", "map layer (GeoJSON)", "map"),
    PageType("practices", "practices list", "list"),
    PageType("practice", "practice page", "detail"),
    PageType("topics", "topics list", "list"),
    PageType("topic", "topic page", "list"),
    PageType("news", "news list", "list"),
    PageType("news-item", "news item", "detail"),
    PageType("events", "events list", "list"),
    PageType("event", "event page", "detail"),
    PageType("session", "session page", "detail"),
    PageType("members", "members list", "list"),
    PageType("member", "member profile", "detail"),
    PageType("tags", "tag index", "list"),
    PageType("tag", "tag page", "list"),
    PageType("search", "search", "search"),
    # The community engine (issue 14) and the observatory.
    PageType("discussions", "discussions index", "list"),
    PageType("thread", "discussion thread", "detail"),
    PageType("answers", "support answers list", "list"),
    PageType("answer", "published support answer", "detail"),
    PageType("projects", "projects index", "list"),
    PageType("project", "project page", "detail"),
    PageType("observatory", "observatory", "list"),
    PageType("observatory-embed", "observatory embed", "detail"),
)
PAGE_TYPES = {page.key: page for page in PAGES}

# Issue 13's targets.
RATIO_LIMITS = {"detail": 20.0, "list": 25.0, "search": 30.0}  # uncached, demo size
CACHED_LIMIT = 2.0  # any cached page
SCALE_FACTOR = 1.5  # ratio at scale <= 1.5 x ratio at demo size (uncached)
MAX_QUERIES = 12
MAP_LIMIT_BYTES = 250 * 1024  # map layer, gzipped


def median_ratio(rounds):
    """Median over interleaved rounds of ``floor requests/s / page requests/s`` (each round's
    floor was measured just before its page). ``rounds``: ``[(floor_rps, page_rps), ...]``."""
    ratios = [floor / page for floor, page in rounds if floor and page]
    return statistics.median(ratios) if ratios else None


def percentile(values, fraction):
    """The ``fraction`` percentile (0..1) of ``values``, nearest rank; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil, at least the first
    return ordered[int(rank) - 1]


def _find(rows, **where):
    for row in rows:
        if all(row.get(key) == value for key, value in where.items()):
            return row
    return None


def missed_targets(row, rows):
    """Short descriptions of the issue 13 targets ``row`` misses; ``rows`` are all the results
    (the demo-size row of the same database, mode and page is looked up in them)."""
    page = PAGE_TYPES.get(row["page"])
    if page is None or page.kind == "floor":
        return []
    missed = []
    ratio, queries = row.get("ratio"), row.get("queries")
    if row.get("errors") or (row.get("status") not in (None, 200)):
        missed.append(f"errors (status {row.get('status')})")
    if ratio is None and row.get("page_rps") is not None:
        missed.append("no ratio: no request done within a run (raise --seconds)")
    if ratio is not None:
        if row["mode"] == "cached":
            if ratio > CACHED_LIMIT:
                missed.append(f"cached > {CACHED_LIMIT:g}x")
        elif row["size"] == "demo" and page.kind in RATIO_LIMITS:
            limit = RATIO_LIMITS[page.kind]
            if ratio > limit:
                missed.append(f"> {limit:g}x")
    if queries is not None and queries > MAX_QUERIES:
        missed.append(f"queries > {MAX_QUERIES}")
    if page.kind == "map" and (row.get("gzip_bytes") or 0) >= MAP_LIMIT_BYTES:
        missed.append(f"map >= {MAP_LIMIT_BYTES // 1024} KB gz")
    if row["size"] != "demo":
        demo = _find(
            rows, database=row["database"], mode=row["mode"], page=row["page"], size="demo"
        )
        if demo is not None:
            if (
                row["mode"] == "uncached"
                and ratio is not None
                and demo.get("ratio")
                and ratio > SCALE_FACTOR * demo["ratio"]
            ):
                missed.append(f"> {SCALE_FACTOR:g} x demo ratio")
            demo_queries = demo.get("queries")
            if None not in (queries, demo_queries) and queries != demo_queries:
                missed.append(f"queries {demo['queries']} at demo")
    return missed


def _number(value, fmt, suffix=""):
    return "-" if value is None else f"{value:{fmt}}{suffix}"


COLUMNS = ("db", "size", "mode", "page", "x floor", "SQL", "KB gz", "p50 ms", "p95 ms", "missed")


def table_rows(rows):
    """The printed cells of each row (strings), in ``COLUMNS`` order."""
    cells = []
    for row in rows:
        missed = missed_targets(row, rows)
        page = PAGE_TYPES.get(row["page"])
        label = page.label if page else row["page"]
        flag = " *" if missed else ""
        cells.append(
            (
                row["database"],
                row["size"],
                row["mode"],
                label,
                _number(row.get("ratio"), ".1f", "x") + flag,
                _number(row.get("queries"), "d"),
                _number(None if row.get("gzip_bytes") is None else row["gzip_bytes"] / 1024, ".1f"),
                _number(row.get("p50_ms"), ".1f"),
                _number(row.get("p95_ms"), ".1f"),
                "; ".join(missed),
            )
        )
    return cells


def format_table(rows):
    """One Markdown table of every result; rows missing a target are starred and the
    ``missed`` column says which."""
    cells = table_rows(rows)
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---" for _ in COLUMNS) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)
