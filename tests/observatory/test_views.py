"""The observatory page, its CSV downloads and embeddable charts: numbers checked against the
registry's own counts, filters, accessibility of the SVG, headers, caching, query counts."""

import csv
import io
import re
from collections import Counter
from pathlib import Path

from django.db.models import Q

from wagtail.models import Locale

import pytest

from registry.models import InitiativePage
from tests.factories.registry import InitiativePageFactory
from tests.querycounts import assert_constant_queries, captured_queries

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def registry_counts(field, **filters):
    """Live initiatives per ``field``, each translation group once, straight from the ORM."""
    groups = (
        InitiativePage.objects.live()
        .filter(**filters)
        .order_by()
        .values_list("translation_key", field)
        .distinct()
    )
    return Counter(value for _key, value in groups if value)


def test_csv_of_two_charts_matches_the_registry(client, observatory_data):
    by_country = read_csv(client.get("/observatory/initiatives-by-country.csv"))
    assert {row["Code"]: int(row["Value"]) for row in by_country} == registry_counts("country")
    assert registry_counts("country") == {"CO": 2, "AR": 1, "BR": 1}  # draft out, translation once
    by_stage = read_csv(client.get("/observatory/initiatives-by-stage.csv"))
    assert {row["Code"]: int(row["Value"]) for row in by_stage} == registry_counts("stage")
    # Filtered the same way on both sides.
    filtered = read_csv(client.get("/observatory/initiatives-by-stage.csv?country=CO"))
    assert {row["Code"]: int(row["Value"]) for row in filtered} == registry_counts(
        "stage", country="CO"
    )


def test_every_chart_on_the_hand_made_data_set(client, observatory_data):
    def rows(key, query=""):
        return [
            tuple(row.values())[:1] + tuple(row.values())[2:]
            for row in read_csv(client.get(f"/observatory/{key}.csv{query}"))
        ]

    assert rows("initiatives-by-region") == [
        ("Antioquia (Colombia)", "1"),
        ("Huila (Colombia)", "1"),
        ("Mendoza (Argentina)", "1"),
        ("Rio Grande do Sul (Brazil)", "1"),
    ]
    assert rows("initiatives-by-sector") == [
        ("A · Agriculture, forestry and fishing", "1"),
        ("C · Manufacturing", "2"),  # wine (11) and leather (15, and C itself: once)
        ("J · Information and communication", "1"),
    ]
    assert rows("initiatives-by-kind") == [
        ("Cluster initiative", "2"),
        ("Business network", "1"),
        ("Productive district", "1"),
    ]
    assert rows("initiatives-by-program") == [("Cluster support 2024", "2")]
    assert rows("initiatives-founded-by-year") == [("2010", "1"), ("2015", "2")]
    assert sum(int(value) for _year, value in rows("initiatives-registered-by-year")) == 4
    assert rows("member-firms-by-country") == [("Colombia", "65"), ("Argentina", "12")]
    assert rows("indicators-by-year") == [("2022", "35", "2"), ("2023", "40", "3")]
    # Public profiles only: the members-only profile in Brazil is not counted.
    assert rows("members-by-country") == [("Colombia", "2"), ("Argentina", "1")]
    assert rows("members-by-organization-type") == [
        ("University or research centre", "1"),
        ("Private company", "2"),
    ]
    assert rows("practices-by-year")[0][1] == "2"
    assert rows("practices-by-year", "?country=AR")[0][1] == "1"
    assert rows("events-by-program") == [
        ("Cluster management", "2", "3"),
        ("Events outside a program", "1", "0"),
    ]


def test_filters_apply_to_charts_and_figures_and_stay_in_the_links(client, observatory_data):
    response = client.get("/observatory/", {"country": "CO", "stage": "intermediate"})
    html = response.content.decode()
    figures = dict(response.context["charts"]()["figures"])
    assert figures["Initiatives"] == 1  # the software cluster
    assert figures["Member firms"] == 25
    assert 'href="/observatory/initiatives-by-kind.csv?country=CO&amp;stage=intermediate"' in html
    assert (
        'href="/observatory/embed/initiatives-by-kind/?country=CO&amp;stage=intermediate"' in html
    )
    # A chart that cannot apply a filter says so.
    assert "This chart does not apply these filters:" in html
    assert 'value="CO" selected' in html


def test_a_bad_filter_is_reported_and_the_others_still_apply(client, observatory_data):
    response = client.get("/observatory/", {"country": "ZZ", "stage": "emerging"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters were left out" in html
    assert "ZZ" in html
    assert response.context["filters"].country == ""
    assert response.context["filters"].stage == "emerging"
    assert dict(response.context["charts"]()["figures"])["Initiatives"] == 1  # the wine network
    rows = read_csv(client.get("/observatory/initiatives-by-country.csv?country=ZZ&stage=emerging"))
    assert [(row["Code"], row["Value"]) for row in rows] == [("AR", "1")]


def test_filter_choices_are_the_values_with_data(client, observatory_data):
    form = client.get("/observatory/").context["form"]
    assert [code for code, _label in form.fields["country"].choices] == ["", "AR", "BR", "CO"]
    assert [code for code, _label in form.fields["sector"].choices] == ["", "A", "C", "J"]
    assert [code for code, _label in form.fields["stage"].choices] == [
        "",
        "consolidated",
        "emerging",
        "intermediate",
    ]


def test_every_chart_is_an_accessible_figure_with_its_table(client, observatory_data):
    html = client.get("/observatory/").content.decode()
    figures = re.findall(r'<figure class="obs-figure".*?</figure>', html, flags=re.DOTALL)
    from portal.observatory import observatory_charts

    assert len(figures) == len(observatory_charts()) >= 15
    for figure in figures:
        assert "<figcaption" in figure
        if "obs-figure__empty" in figure:
            continue
        svg = re.search(r"<svg [^>]*>", figure).group(0)
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()
        assert f'<title id="{title_id}">' in figure
        assert f'<desc id="{desc_id}">' in figure
        assert "<table" in figure and '<th scope="row">' in figure
    assert 'rel="stylesheet" href="/static/observatory/observatory.css"' in html
    css = Path(__file__).resolve().parents[2] / "observatory/static/observatory/observatory.css"
    assert "@media print" in css.read_text()


def test_the_map_shades_countries_by_count(client, observatory_data):
    html = client.get("/observatory/").content.decode()
    the_map = re.search(r'<svg class="obs-chart obs-chart--map.*?</svg>', html, flags=re.DOTALL)
    assert the_map
    shapes = re.findall(
        r'<path class="obs-country obs-country--(\d)" d="[^"]+"><title>([^<]+)</title>',
        the_map.group(0),
    )
    by_name = {name: int(bucket) for bucket, name in shapes}
    assert by_name["Colombia: 2"] == 5  # the most: darkest
    assert by_name["Argentina: 1"] == 3
    assert by_name["Brazil: 1"] == 3
    assert any(bucket == 0 for bucket in by_name.values())  # countries without initiatives


def test_csv_cells_are_spreadsheet_safe(client, make_initiative):
    make_initiative(region='=HYPERLINK("http://evil.example")', country="CO")
    rows = read_csv(client.get("/observatory/initiatives-by-region.csv"))
    assert rows[0]["Category"].startswith("'=HYPERLINK")
    assert rows[0]["Value"] == "1"


def test_unknown_chart_is_404(client, db):
    assert client.get("/observatory/no-such-chart.csv").status_code == 404
    assert client.get("/observatory/embed/no-such-chart/").status_code == 404


def test_embed_may_be_framed_the_rest_may_not(client, observatory_data):
    embed = client.get("/observatory/embed/initiatives-by-country/?country=CO")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    policy = embed["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "'none'" not in re.search(r"frame-ancestors[^;]*", policy).group(0)
    html = embed.content.decode()
    assert "Source: Articula observatory" in html
    assert 'href="http://testserver/observatory/?country=CO"' in html
    assert "Colombia" in html and "Argentina" not in html
    page = client.get("/observatory/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_spanish_observatory(client, observatory_data):
    response = client.get("/es/observatory/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Observatorio" in html
    assert "Iniciativas por país" in html
    rows = read_csv(client.get("/es/observatory/initiatives-by-country.csv"))
    assert rows[0]["Categoría"] == "Colombia"


def test_in_the_main_menu(client, observatory_data):
    html = client.get("/").content.decode()
    assert 'href="/observatory/"' in html


def test_chart_rows_are_cached_until_content_changes(
    client, observatory_data, django_assert_num_queries
):
    from observatory import selectors
    from portal.observatory import ObservatoryFilters

    chart = selectors.chart_get(key="initiatives-by-country")
    selectors.chart_rows(chart=chart, filters=ObservatoryFilters())
    _rows, queries = captured_queries(
        lambda: selectors.chart_rows(chart=chart, filters=ObservatoryFilters())
    )
    assert queries == []
    make = InitiativePageFactory(parent=observatory_data["coffee"].get_parent(), country="PE")
    make.save_revision().publish()
    rows = selectors.chart_rows(chart=chart, filters=ObservatoryFilters())
    assert ("PE", 1) in [(row.key, row.value) for row in rows]


def add_initiatives(parent, n):
    def grow():
        for i in range(n):
            page = InitiativePageFactory(
                parent=parent,
                country=["CO", "AR", "PE", "MX"][i % 4],
                sectors=["62"],
                year_founded=1990 + i,
            )
            page.save_revision().publish()

    return grow


def test_query_count_is_constant_and_small(client, observatory_data):
    """Warm (the chart rows cached, as between two writes): at most 12 queries, the same with 4
    or 34 initiatives."""
    from portal.models import PortalSettings

    PortalSettings.load()  # created by the first page served: a write, which empties the caches
    parent = observatory_data["coffee"].get_parent()
    count = assert_constant_queries(
        client, "/observatory/", grow=add_initiatives(parent, 30), most=12
    )
    assert count <= 12


def test_cold_query_count_is_one_per_chart_whatever_the_data(client, observatory_data):
    from django.core.cache import cache

    from portal.observatory import observatory_charts

    parent = observatory_data["coffee"].get_parent()

    def cold():
        cache.clear()
        return client.get("/observatory/")

    cold()
    _r, small = captured_queries(cold)
    add_initiatives(parent, 30)()
    cold()
    _r, large = captured_queries(cold)
    assert len(small) == len(large)
    assert len(large) <= len(observatory_charts()) + 12


def test_served_from_the_page_cache_and_invalidated(client, observatory_data, settings):
    from portal.models import PortalSettings

    settings.PAGE_CACHE_ENABLED = True
    PortalSettings.load()
    assert client.get("/observatory/")["X-Page-Cache"] == "miss"
    hit = client.get("/observatory/")
    assert hit["X-Page-Cache"] == "hit"
    assert client.get("/observatory/embed/initiatives-by-country/")["X-Page-Cache"] == "miss"
    cached_embed = client.get("/observatory/embed/initiatives-by-country/")
    assert cached_embed["X-Page-Cache"] == "hit"
    assert "X-Frame-Options" not in cached_embed
    page = InitiativePageFactory(parent=observatory_data["coffee"].get_parent(), country="PE")
    page.save_revision().publish()
    fresh = client.get("/observatory/")
    assert fresh["X-Page-Cache"] == "miss"
    assert dict(fresh.context["charts"]()["figures"])["Initiatives"] == 5


def test_translated_initiative_counts_once_in_spanish_too(client, observatory_data):
    rows = read_csv(client.get("/es/observatory/initiatives-by-country.csv"))
    assert {row["Código"]: row["Valor"] for row in rows} == {"CO": "2", "AR": "1", "BR": "1"}
    assert Locale.objects.filter(language_code="es").exists()
    assert InitiativePage.objects.live().filter(Q(country="CO")).count() == 3  # with the copy
