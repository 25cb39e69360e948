"""The registry page: filters one by one and combined, counts per option, reset, sort,
pagination, and bad parameters."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives(make_initiative):
    return {
        "coffee": make_initiative(
            title="Huila Coffee Cluster",
            slug="huila-coffee",
            country="CO",
            region="Huila",
            city="Pitalito",
            stage="emerging",
            kind="cluster",
            tags=["coffee"],
            sectors=["01"],
            summary="Specialty coffee growers.",
        ),
        "software": make_initiative(
            title="Medellín Software Cluster",
            slug="med-software",
            country="CO",
            region="Antioquia",
            stage="consolidated",
            kind="cluster",
            tags=["software"],
            sectors=["62"],
        ),
        "wine": make_initiative(
            title="Mendoza Wine Network",
            slug="mendoza-wine",
            country="AR",
            region="Mendoza",
            city="Mendoza",
            latitude=Decimal("-32.889500"),
            longitude=Decimal("-68.845800"),
            stage="consolidated",
            kind="network",
            tags=["tourism", "coffee"],
            sectors=["11"],
        ),
    }


def titles(response):
    return {page.title for page in response.context["initiatives"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "CO"}, {"Huila Coffee Cluster", "Medellín Software Cluster"}),
        ({"region": "antioquia"}, {"Medellín Software Cluster"}),
        ({"sector": "62"}, {"Medellín Software Cluster"}),
        ({"sector": "A"}, {"Huila Coffee Cluster"}),  # a section matches its divisions
        ({"sector": "C"}, {"Mendoza Wine Network"}),
        ({"stage": "consolidated"}, {"Medellín Software Cluster", "Mendoza Wine Network"}),
        ({"kind": "network"}, {"Mendoza Wine Network"}),
        ({"tag": "coffee"}, {"Huila Coffee Cluster", "Mendoza Wine Network"}),
        ({"q": "specialty"}, {"Huila Coffee Cluster"}),
        ({"q": "Mendoza"}, {"Mendoza Wine Network"}),
    ],
)
def test_single_filters(client, initiatives, params, expected):
    response = client.get("/initiatives/", params)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "CO", "stage": "consolidated"}, {"Medellín Software Cluster"}),
        ({"tag": "coffee", "country": "AR"}, {"Mendoza Wine Network"}),
        ({"tag": "coffee", "kind": "cluster", "sector": "A"}, {"Huila Coffee Cluster"}),
        ({"country": "AR", "stage": "emerging"}, set()),
        ({"q": "cluster", "country": "CO", "region": "Huila"}, {"Huila Coffee Cluster"}),
    ],
)
def test_combined_filters(client, initiatives, params, expected):
    assert titles(client.get("/initiatives/", params)) == expected


def test_counts_per_option_exclude_own_filter(client, initiatives):
    response = client.get("/initiatives/", {"country": "CO"})
    facets = response.context["facets"]
    countries = {option["value"]: option["count"] for option in facets["country"]}
    assert countries == {"CO": 2, "AR": 1}  # other countries stay visible with their counts
    stages = {option["value"]: option["count"] for option in facets["stage"]}
    assert stages == {"emerging": 1, "consolidated": 1}  # within Colombia
    tags = {option["value"]: option["count"] for option in facets["tag"]}
    assert tags == {"coffee": 1, "software": 1}
    sectors = {option["value"]: option["count"] for option in facets["sector"]}
    assert sectors["A"] == 1 and sectors["01"] == 1 and sectors["J"] == 1
    body = response.content.decode()
    assert "Colombia (2)" in body
    assert 'href="/initiatives/">Reset</a>' in body


def test_reset_link_absent_without_filters(client, initiatives):
    assert ">Reset</a>" not in client.get("/initiatives/").content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"sector": "9999"},
        {"stage": "<script>"},
        {"kind": "x" * 600},
        {"page": "abc"},
        {"page": "99999"},
        {"sort": "password"},
        {"q": "x" * 5000},
        {"tag": "does-not-exist"},
    ],
)
def test_bad_parameters_never_fail(client, initiatives, params):
    response = client.get("/initiatives/", params)
    assert response.status_code == 200


def test_a_nul_byte_is_refused_before_the_filters(client, initiatives):
    # The site-wide guard (portal.request_guards): PostgreSQL cannot compare text with NUL.
    response = client.get("/initiatives/", {"region": "\x00"})
    assert response.status_code == 400


def test_invalid_filter_is_reported_and_others_still_apply(client, initiatives):
    response = client.get("/initiatives/", {"country": "ZZ", "stage": "emerging"})
    assert titles(response) == {"Huila Coffee Cluster"}
    assert "Some filters were ignored" in response.content.decode()
    assert response.context["invalid_filters"]


def test_huge_query_string_is_refused_cleanly(client, initiatives):
    query = "&".join(f"k{i}=v" for i in range(11000))
    response = client.get(f"/initiatives/?{query}")
    assert response.status_code in (200, 400)


def test_sort_and_pagination(client, make_initiative, index_page):
    for number in range(30):
        make_initiative(title=f"Initiative {number:02d}", slug=f"i-{number:02d}")
    first = client.get("/initiatives/", {"sort": "name"})
    assert len(first.context["initiatives"]) == 24
    assert first.context["initiatives"][0].title == "Initiative 00"
    second = client.get("/initiatives/", {"sort": "name", "page": "2"})
    assert [page.title for page in second.context["initiatives"]][-1] == "Initiative 29"
    newest = client.get("/initiatives/", {"sort": "newest"})
    assert newest.context["initiatives"][0].title == "Initiative 29"
    assert 'rel="next" href="?sort=name&amp;page=2"' in first.content.decode()


def test_map_and_list_share_the_filters(client, initiatives):
    response = client.get("/initiatives/", {"country": "AR"})
    assert response.context["map"]["geojson_url"] == "/initiatives/map.geojson?country=AR"


def test_spanish_registry_lists_the_same_initiatives(client, initiatives):
    response = client.get("/es/initiatives/", {"country": "AR"})
    assert response.status_code == 200
    assert titles(response) == {"Mendoza Wine Network"}


def test_tag_page_lists_initiatives(client, initiatives):
    from portal.tagging import tagged_type

    assert tagged_type("initiatives").order == 10
    response = client.get("/tags/coffee/")
    assert response.status_code == 200
    assert "Huila Coffee Cluster" in response.content.decode()


FACET_PARAMS = [
    {},
    {"country": "CO"},
    {"country": "CO", "stage": "consolidated"},
    {"tag": "coffee"},
    {"tag": "coffee", "sector": "A"},
    {"sector": "C", "kind": "network"},
    {"region": "HUILA"},
    {"q": "cluster"},
    {"q": "cluster", "tag": "software", "country": "CO"},
    {"tag": "does-not-exist"},
]


@pytest.mark.parametrize("params", FACET_PARAMS)
def test_every_facet_count_is_what_choosing_that_option_lists(client, initiatives, params):
    """The counts are computed in Python from one pass over the rows; each must equal the
    size of the list the SQL filters give when that option is chosen."""
    response = client.get("/initiatives/", params)
    facets = response.context["facets"]
    checked = 0
    for key, options in facets.items():
        for option in options:
            chosen = client.get("/initiatives/", {**params, key: option["value"]})
            assert chosen.context["total"] == option["count"], (key, option)
            checked += 1
    if params.get("tag") != "does-not-exist":
        assert checked
    assert response.context["total"] == len(titles(response))


def test_translated_initiative_lists_and_counts_once(client, initiatives):
    """A Spanish translation of an English initiative is not listed or counted again in the
    English registry, and the Spanish registry lists the translation instead."""
    from wagtail.models import Locale

    spanish = initiatives["wine"].copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    spanish.save_revision().publish()
    response = client.get("/initiatives/")
    countries = {
        option["value"]: option["count"] for option in response.context["facets"]["country"]
    }
    assert countries == {"CO": 2, "AR": 1}  # the translation does not count twice
    assert response.context["total"] == 3
    spanish_list = client.get("/es/initiatives/", {"country": "AR"}).context["initiatives"]
    assert [page.pk for page in spanish_list] == [spanish.pk]


# -- Several values per filter (issue 12: sectors, countries and tags) ---------------------------


def test_several_countries_sectors_or_tags_match_any_of_them(client, initiatives, make_initiative):
    make_initiative(title="Lima Textile Cluster", slug="lima-textile", country="PE", sectors=["13"])
    response = client.get("/initiatives/?country=AR&country=PE")
    assert titles(response) == {"Mendoza Wine Network", "Lima Textile Cluster"}
    response = client.get("/initiatives/?sector=62&sector=11")
    assert titles(response) == {"Medellín Software Cluster", "Mendoza Wine Network"}
    response = client.get("/initiatives/?tag=software&tag=tourism")
    assert titles(response) == {"Medellín Software Cluster", "Mendoza Wine Network"}
    # Values of one filter are ORed, filters are ANDed.
    response = client.get("/initiatives/?country=CO&country=AR&tag=coffee&stage=consolidated")
    assert titles(response) == {"Mendoza Wine Network"}


def test_several_values_are_shown_chosen_counted_and_kept_in_links(client, initiatives):
    response = client.get("/initiatives/?country=AR&country=CO&tag=coffee")
    html = response.content.decode()
    assert response.context["active_filter_count"] == 3
    assert "Filters (3 active)" in html
    assert '<select name="country" id="id_country" multiple' in html
    assert '<option value="AR" selected>' in html and '<option value="CO" selected>' in html
    assert response.context["map"]["geojson_url"] == (
        "/initiatives/map.geojson?country=AR&country=CO&tag=coffee"
    )
    assert 'href="/initiatives/data.csv?country=AR&amp;country=CO&amp;tag=coffee"' in html


def test_a_chosen_tag_outside_the_top_tags_stays_an_option(client, initiatives):
    response = client.get("/initiatives/?tag=software&tag=no-such-tag")
    options = {option["value"]: option["count"] for option in response.context["facets"]["tag"]}
    assert options["software"] == 1
    assert options["no-such-tag"] == 0


def test_a_bad_value_among_several_is_reported_and_the_others_apply(client, initiatives):
    response = client.get("/initiatives/?sector=62&sector=9999&country=AR")
    assert titles(response) == {"Mendoza Wine Network"}
    assert [item["field"] for item in response.context["invalid_filters"]] == ["Sector"]
    response = client.get("/initiatives/?" + "&".join(f"tag=t{i}" for i in range(40)))
    assert response.status_code == 200
    assert "Choose at most 20 values." in response.content.decode()


def test_open_data_takes_several_values(client, initiatives):
    response = client.get("/initiatives/data.csv?country=AR&country=CO&tag=software")
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Medellín Software Cluster" in body
    assert "Mendoza Wine Network" not in body and "Huila Coffee Cluster" not in body


@pytest.mark.parametrize(
    ("prefix", "words"), [("/es", "Seleccionados: %s"), ("/pt", "Selecionados: %s")]
)
def test_the_multi_select_speaks_the_visitors_language(client, initiatives, prefix, words):
    # A literal % in {% translate %} is looked up as %%: the catalogue must spell it so.
    html = client.get(f"{prefix}/initiatives/").content.decode()
    assert f'data-selected="{words}"' in html
