"""The hooks later apps plug into: sections of one page, observatory charts, open data sets,
signed one-action links."""

from datetime import timedelta
from unittest import mock

from django.template import Context, Template
from django.test import RequestFactory

from wagtail import hooks

import pytest

from portal.observatory import ChartRow, ObservatoryChart, ObservatoryFilters, observatory_charts
from portal.open_data import OpenDataField, OpenDataset, open_datasets
from portal.sections import PageSection, page_sections
from portal.signed_links import read_signed_token, signed_token


def _section(key, order, page_types, context):
    return lambda: PageSection(
        key=key,
        order=order,
        page_types=page_types,
        template="components/empty_state.html",
        get_context=lambda page, request: context,
    )


@pytest.mark.django_db
def test_page_sections_join_only_their_page_types_in_order(home_page):
    request = RequestFactory().get("/")
    with (
        hooks.register_temporarily(
            "register_page_section", _section("b", 20, ("portal.HomePage",), {"title": "Second"})
        ),
        hooks.register_temporarily(
            "register_page_section", _section("a", 10, ("portal.HomePage",), {"title": "First"})
        ),
        hooks.register_temporarily(
            "register_page_section",
            _section("c", 5, ("registry.InitiativePage",), {"title": "Other"}),
        ),
        hooks.register_temporarily(
            "register_page_section", _section("d", 1, ("portal.HomePage",), None)
        ),
    ):
        rendered = page_sections(home_page.specific, request)
        html = Template("{% load portal_tags %}{% page_sections page %}").render(
            Context({"page": home_page.specific, "request": request})
        )
    assert [section.key for section in rendered] == ["a", "b"]
    assert html.index("First") < html.index("Second")
    assert "Other" not in html


def test_signed_token_round_trip_and_refusals():
    token = signed_token("unsubscribe", user=7)
    assert read_signed_token(token, "unsubscribe") == {"user": 7}
    assert read_signed_token(token, "confirm-record") is None
    assert read_signed_token(token[:-2] + "xx", "unsubscribe") is None
    assert read_signed_token("not a token", "unsubscribe") is None
    with mock.patch("django.core.signing.time.time", return_value=0):
        old = signed_token("unsubscribe", user=7)
    assert read_signed_token(old, "unsubscribe", max_age=timedelta(days=30)) is None


def test_observatory_chart_contract():
    with pytest.raises(ValueError):
        ObservatoryChart(key="x", title="X", order=1, kind="pie", data=lambda f: [])
    chart = lambda: ObservatoryChart(  # noqa: E731
        key="z", title="Z", order=-1, kind="bar", data=lambda f: [ChartRow("A", 1)]
    )
    with hooks.register_temporarily("register_observatory_chart", chart):
        charts = observatory_charts()
    assert charts[0].key == "z"
    assert charts[0].data(ObservatoryFilters()) == [ChartRow("A", 1)]
    assert not ObservatoryFilters().active
    assert ObservatoryFilters(country="CO").active


def test_open_dataset_contract():
    with pytest.raises(ValueError):
        OpenDataField("x", "text")
    dataset = lambda: OpenDataset(  # noqa: E731
        key="z",
        title="Z",
        order=-1,
        fields=(OpenDataField("name", "string"),),
        rows=lambda: [{"name": "a"}],
    )
    with hooks.register_temporarily("register_open_dataset", dataset):
        datasets = open_datasets()
    assert datasets[0].key == "z"
    assert list(datasets[0].rows()) == [{"name": "a"}]
