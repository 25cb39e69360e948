from decimal import Decimal

import pytest

from registry.models import InitiativeManager
from registry.services import index_pages_ensure
from tests.factories.registry import InitiativePageFactory


@pytest.fixture
def index_page(home_page):
    return index_pages_ensure()


@pytest.fixture
def make_initiative(index_page):
    """``make_initiative(title=..., tags=[...], sectors=[...], managers=[user], **fields)``: a
    live, published initiative under the English registry."""

    def make(**kwargs):
        page = InitiativePageFactory(parent=index_page, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def manager_a(make_user):
    return make_user(username="manager_a", groups=["Members", "Cluster managers"])


@pytest.fixture
def manager_b(make_user):
    return make_user(username="manager_b", groups=["Members", "Cluster managers"])


@pytest.fixture
def initiative_a(make_initiative, manager_a):
    page = make_initiative(title="Alpha Cluster", slug="alpha-cluster", tags=["software"])
    InitiativeManager.objects.create(page=page, user=manager_a)
    return page


@pytest.fixture
def initiative_b(make_initiative, manager_b):
    page = make_initiative(
        title="Beta Network",
        slug="beta-network",
        country="MX",
        region="Jalisco",
        city="Guadalajara",
        latitude=Decimal("20.659700"),
        longitude=Decimal("-103.349600"),
        kind="network",
        stage="emerging",
        tags=["logistics"],
    )
    InitiativeManager.objects.create(page=page, user=manager_b)
    return page


@pytest.fixture
def orphan(make_initiative):
    """An imported initiative that nobody manages."""
    return make_initiative(title="Orphan District", slug="orphan-district", source="import")


def form_data(**overrides):
    """A valid POST for the initiative form."""
    data = {
        "title": "Cali Coffee Cluster",
        "acronym": "CCC",
        "kind": "cluster",
        "status": "active",
        "year_founded": "2015",
        "website": "https://coffee.example.org",
        "social_links": "",
        "summary": "Coffee growers and roasters of Cali.",
        "country": "CO",
        "region": "Valle del Cauca",
        "city": "Cali",
        "latitude": "3.451600",
        "longitude": "-76.532000",
        "location_precision": "city",
        "managing_organization": "Cámara de Comercio de Cali",
        "organization_type": "chamber",
        "team_size": "3",
        "support_program": "",
        "stage": "emerging",
        "member_firms": "40",
        "member_smes": "30",
        "member_research_bodies": "2",
        "member_public_bodies": "1",
        "value_chain": "Coffee",
        "tags": "coffee, agro-industry",
        "seeking_tags": "export promotion",
        "offering_tags": "",
        "contact_email": "info@coffee.example.org",
        "contact_person": "Ana",
        "external_urls": "",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "30",
        "indicators-0-year": "2024",
        "indicators-0-members": "40",
        "indicators-0-sales_growth": "5.5",
        "indicators-0-new_export_markets": "2",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
