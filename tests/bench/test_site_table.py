"""The table and target marks of ``bench/bench_site.py`` (pure functions; no server)."""

from bench.site_table import (
    format_table,
    median_ratio,
    missed_targets,
    percentile,
    table_rows,
)


def row(page, *, size="demo", mode="uncached", database="sqlite", **figures):
    base = {"database": database, "size": size, "mode": mode, "page": page, "status": 200}
    base.update({"ratio": 10.0, "queries": 8, "gzip_bytes": 5000, "errors": 0})
    base.update(figures)
    return base


def test_median_ratio_takes_the_median_of_the_rounds_ratios():
    # Floor / page per round: 10, 20, 40; a round with no page request is left out.
    assert median_ratio([(1000, 100), (1000, 50), (800, 20), (900, 0)]) == 20
    assert median_ratio([]) is None


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([], 0.5) is None


def test_demo_ratio_limits_depend_on_the_page_kind():
    rows = [
        row("initiative", ratio=21.0),  # detail: 20x
        row("practice", ratio=20.0),
        row("tag", ratio=24.9),  # tag, topic, lists, home: 25x
        row("topic", ratio=25.5),
        row("search", ratio=29.0),  # search: 30x
        row("floor", ratio=1.0, queries=0),
    ]
    marks = {r["page"]: missed_targets(r, rows) for r in rows}
    assert marks["initiative"] == ["> 20x"]
    assert marks["practice"] == []
    assert marks["tag"] == []
    assert marks["topic"] == ["> 25x"]
    assert marks["search"] == []
    assert marks["floor"] == []


def test_cached_pages_must_stay_within_twice_the_floor():
    rows = [row("initiative", mode="cached", ratio=2.4), row("tag", mode="cached", ratio=1.6)]
    assert missed_targets(rows[0], rows) == ["cached > 2x"]
    # A cached page is not held to the uncached limits either way.
    assert missed_targets(rows[1], rows) == []


def test_scale_rows_compare_with_the_same_page_at_demo_size():
    demo = row("tag", ratio=10.0, queries=9)
    other_db = row("tag", database="postgresql", ratio=1.0, queries=9)
    scale = row("tag", size="scale", ratio=16.0, queries=11)
    rows = [demo, other_db, scale]
    assert missed_targets(scale, rows) == ["> 1.5 x demo ratio", "queries 9 at demo"]
    # 30x at scale is no miss by itself: the demo-size limits are for demo size.
    fine = row("tag", size="scale", ratio=15.0, queries=9)
    assert missed_targets(fine, [demo, fine]) == []


def test_queries_map_size_and_errors_are_marked():
    rows = [
        row("registry", queries=13),
        row("map", gzip_bytes=250 * 1024),
        row("map", size="scale", gzip_bytes=249 * 1024),
        row("member", status=500),
    ]
    assert missed_targets(rows[0], rows) == ["queries > 12"]
    assert missed_targets(rows[1], rows) == ["map >= 250 KB gz"]
    assert missed_targets(rows[2], rows) == []
    assert missed_targets(rows[3], rows) == ["errors (status 500)"]
    # Measured, but no request finished within any run: no ratio, and it says so.
    slow = row("initiative", ratio=None, page_rps=[0.0, 0.0, 0.0], queries=9)
    assert missed_targets(slow, [slow]) == [
        "no ratio: no request done within a run (raise --seconds)"
    ]


def test_table_stars_rows_that_miss_a_target_and_shows_missing_figures_as_dashes():
    rows = [
        row("floor", ratio=1.0, queries=0, p50_ms=2.0, p95_ms=3.5),
        row("initiative", ratio=134.2, queries=44, gzip_bytes=6144, p50_ms=120.0, p95_ms=180.25),
        row("session", ratio=None, queries=None, gzip_bytes=None),
    ]
    cells = table_rows(rows)
    assert cells[0][3:] == ("floor (/healthz)", "1.0x", "0", "4.9", "2.0", "3.5", "")
    assert cells[1][3:] == (
        "initiative page",
        "134.2x *",
        "44",
        "6.0",
        "120.0",
        "180.2",
        "> 20x; queries > 12",
    )
    assert cells[2][4:7] == ("-", "-", "-")
    lines = format_table(rows).splitlines()
    assert lines[0].startswith("| db | size | mode | page | x floor | SQL |")
    assert len(lines) == 2 + len(rows)
