"""Field validation: every rule of the initiative record, through the model (what the admin,
the public form and the importer share)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from registry.forms import InitiativeForm
from registry.models import InitiativePage, Sector

from .conftest import form_data

pytestmark = pytest.mark.django_db


def errors_for(index_page, **fields):
    page = InitiativePage(title="Test", country="CO", locale=index_page.locale, **fields)
    page._cached_parent_obj = index_page
    with pytest.raises(ValidationError) as info:
        page.validate_record()
    return info.value.message_dict


def assert_valid(index_page, **fields):
    page = InitiativePage(title="Valid", country="CO", locale=index_page.locale, **fields)
    page._cached_parent_obj = index_page
    page.validate_record()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", Decimal("90.000001")),
        ("latitude", Decimal("-91")),
        ("longitude", Decimal("180.5")),
        ("longitude", Decimal("-181")),
    ],
)
def test_coordinates_out_of_range(index_page, field, value):
    other = "longitude" if field == "latitude" else "latitude"
    assert field in errors_for(index_page, **{field: value, other: Decimal("1")})


def test_coordinate_limits_are_valid(index_page):
    assert_valid(index_page, latitude=Decimal("90"), longitude=Decimal("-180"))
    assert_valid(index_page, latitude=Decimal("-90"), longitude=Decimal("180"))


def test_both_coordinates_or_neither(index_page):
    assert "longitude" in errors_for(index_page, latitude=Decimal("4.6"))
    assert "latitude" in errors_for(index_page, longitude=Decimal("-74"))
    assert_valid(index_page)


def test_country_must_be_iso_code(index_page):
    page = InitiativePage(title="Test", country="ZZ", locale=index_page.locale)
    page._cached_parent_obj = index_page
    with pytest.raises(ValidationError) as info:
        page.validate_record()
    assert "country" in info.value.message_dict


def test_country_is_required(index_page):
    page = InitiativePage(title="Test", locale=index_page.locale)
    page._cached_parent_obj = index_page
    with pytest.raises(ValidationError) as info:
        page.validate_record()
    assert "country" in info.value.message_dict


def test_summary_at_most_250_characters(index_page):
    assert "summary" in errors_for(index_page, summary="x" * 251)
    assert_valid(index_page, summary="x" * 250)


def test_smes_cannot_exceed_member_firms(index_page):
    assert "member_smes" in errors_for(index_page, member_firms=10, member_smes=11)
    assert_valid(index_page, member_firms=10, member_smes=10)


def test_year_founded_range_and_future(index_page):
    assert "year_founded" in errors_for(index_page, year_founded=1800)
    assert "year_founded" in errors_for(index_page, year_founded=date.today().year + 1)
    assert_valid(index_page, year_founded=1990)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "spaceport"),
        ("status", "dormant"),
        ("stage", "mature"),
        ("location_precision", "street"),
        ("organization_type", "church"),
        ("quality_label", "platinum"),
        ("website", "not a url"),
        ("contact_email", "not-an-email"),
        ("team_size", Decimal("-1")),
    ],
)
def test_choice_and_format_fields(index_page, field, value):
    assert field in errors_for(index_page, **{field: value})


def test_quality_label_expiry_needs_label(index_page):
    assert "quality_label_expiry" in errors_for(index_page, quality_label_expiry=date(2030, 1, 1))
    assert_valid(index_page, quality_label="gold", quality_label_expiry=date(2030, 1, 1))


def test_last_verified_not_in_future(index_page):
    future = date.today() + timedelta(days=2)
    assert "last_verified_on" in errors_for(index_page, last_verified_on=future)


def test_reserved_slugs(index_page):
    assert "slug" in errors_for(index_page, slug="register")


def test_isic_sectors_seeded():
    assert Sector.objects.sections().count() == 21
    assert Sector.objects.divisions().count() == 88
    coffee = Sector.objects.get(code="01")
    assert coffee.parent.code == "A"
    assert coffee.name_es and coffee.name_pt
    from django.utils import translation

    with translation.override("es"):
        assert Sector.objects.get(code="C").name == "Industrias manufactureras"
    with translation.override("pt"):
        assert Sector.objects.get(code="C").name == "Indústrias de transformação"


def test_form_reuses_model_validation(index_page):
    form = InitiativeForm(
        form_data(member_firms="5", member_smes="9", latitude="95"),
        parent_page=index_page,
        instance=InitiativePage(),
    )
    assert not form.is_valid()
    assert "member_smes" in form.errors
    assert "latitude" in form.errors


def test_form_completes_a_website_without_scheme_with_https(index_page):
    # The Wagtail admin already did; the public form used to add http://.
    form = InitiativeForm(
        form_data(website="coffee.example.org"), parent_page=index_page, instance=InitiativePage()
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://coffee.example.org"


def test_form_requires_both_coordinates(index_page):
    form = InitiativeForm(
        form_data(longitude=""), parent_page=index_page, instance=InitiativePage()
    )
    assert not form.is_valid()
    assert "longitude" in form.errors


def test_form_rounds_coordinates_to_six_places(index_page):
    form = InitiativeForm(
        form_data(latitude="3.45160012345", longitude="-76.5320004999"),
        parent_page=index_page,
        instance=InitiativePage(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] == Decimal("3.451600")


def test_form_unknown_sector_and_duplicate_indicator_year(index_page):
    form = InitiativeForm(
        form_data(
            sectors=["999999"],
            **{
                "indicators-TOTAL_FORMS": "2",
                "indicators-1-year": "2024",
            },
        ),
        parent_page=index_page,
        instance=InitiativePage(),
    )
    assert not form.is_valid()
    assert "sectors" in form.errors
    assert any("year" in str(error).lower() for error in form.non_field_errors())
