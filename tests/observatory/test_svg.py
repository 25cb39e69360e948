"""The SVG drawing and the country shapes, without a database."""

from observatory import geo, svg
from portal.observatory import ChartRow, ObservatoryChart


def chart(kind="bar", **kwargs):
    return ObservatoryChart(key="k", title="Things", order=1, kind=kind, data=list, **kwargs)


def test_bar_chart_is_labelled_and_escapes_labels():
    rows = [ChartRow(label="<script>alert(1)</script>", value=3), ChartRow(label="B", value=1)]
    drawn = str(svg.bar_chart(chart(), rows))
    assert drawn.startswith('<svg class="obs-chart obs-chart--bar" viewBox="0 0 360 88" role="img"')
    assert 'aria-labelledby="chart-k-title chart-k-desc"' in drawn
    assert '<title id="chart-k-title">Things</title>' in drawn
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    widths = [float(w) for w in __import__("re").findall(r'rect [^>]*width="([\d.]+)"', drawn)]
    assert widths == [300.0, 100.0]  # proportional to the values


def test_descriptions_name_the_largest_values():
    rows = [
        ChartRow(label="A", value=1),
        ChartRow(label="B", value=5),
        ChartRow(label="C", value=2),
    ]
    assert svg.describe(chart(), rows) == "3 categories. Largest: B: 5; C: 2; A: 1."
    years = [ChartRow(label="2020", value=2), ChartRow(label="2021", value=7)]
    assert svg.describe(chart("line"), years) == "From 2020 to 2021; highest in 2021: 7."
    assert svg.describe(chart(), []) == "No data for these filters."


def test_line_chart_places_years_proportionally():
    rows = [
        ChartRow(label="2000", value=1),
        ChartRow(label="2001", value=2),
        ChartRow(label="2010", value=4),
    ]
    drawn = str(svg.line_chart(chart("line"), rows))
    xs = [float(x) for x in __import__("re").findall(r'<circle [^>]*cx="([\d.]+)"', drawn)]
    assert xs[1] - xs[0] < (xs[2] - xs[1]) / 8  # a gap of nine years shows as one


def test_axis_ticks_are_round():
    assert svg.nice_ticks(17) == [0, 5, 10, 15, 20]
    assert svg.nice_ticks(0) == [0, 1]
    assert svg.nice_ticks(950)[-1] >= 950


def test_map_buckets():
    assert [svg.bucket(v, 10) for v in (0, 1, 2, 5, 10)] == [0, 1, 1, 3, 5]
    assert svg.legend_buckets(10) == [(1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8), (5, 9, 10)]


def test_country_shapes_from_the_vendored_atlas():
    shapes = {shape.code: shape for shape in geo.country_shapes() if shape.code}
    assert {"CO", "BR", "MX", "AR", "CL", "PE"} <= set(shapes)
    assert "AQ" not in shapes  # Antarctica left out
    x0, y0, x1, y1 = shapes["CO"].bbox
    assert x0 < x1 and y0 < y1
    # Colombia lies around 67-79 W and 4 S - 12 N.
    assert geo.project(-74, 4)[0] == round((180 - 74) * geo.SCALE, 1)
    box = geo.view_box({"CO"})
    assert box[0] <= x0 and box[0] + box[2] >= x1
    assert geo.view_box(set()) == (0, 0, geo.WIDTH, geo.HEIGHT)
    # No shape is drawn across the map from one edge to the other.
    assert all(
        shape.bbox[2] - shape.bbox[0] < geo.WIDTH * 0.9
        for shape in shapes.values()
        if shape.code != "RU"
    )
