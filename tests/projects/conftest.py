from decimal import Decimal

import pytest

from registry.models import InitiativeManager
from registry.services import index_pages_ensure
from tests.factories.projects import ProjectIndexPageFactory, ProjectPageFactory
from tests.factories.registry import InitiativePageFactory


@pytest.fixture
def initiative_index(home_page):
    return index_pages_ensure()


@pytest.fixture
def project_index(home_page):
    index = ProjectIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_initiative(initiative_index):
    """``make_initiative(title=..., managers=[user], offering=[...], **fields)``: a live initiative."""

    def make(*, managers=(), offering=(), **kwargs):
        page = InitiativePageFactory(parent=initiative_index, **kwargs)
        if offering:
            page.offering_tags.set(offering)
            page.save()
        page.save_revision().publish()
        page.refresh_from_db()
        for user in managers:
            InitiativeManager.objects.create(page=page, user=user)
        return page

    return make


@pytest.fixture
def make_project(project_index):
    """``make_project(lead_initiative=page, **fields)``: a live, published project."""

    def make(**kwargs):
        page = ProjectPageFactory(parent=project_index, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def lead_manager(make_user):
    return make_user(username="lead_manager", groups=["Members", "Cluster managers"])


@pytest.fixture
def partner_manager(make_user):
    return make_user(username="partner_manager", groups=["Members", "Cluster managers"])


@pytest.fixture
def lead(make_initiative, lead_manager):
    return make_initiative(title="Lead Cluster", slug="lead-cluster", managers=[lead_manager])


@pytest.fixture
def partner_initiative(make_initiative, partner_manager):
    return make_initiative(
        title="Partner Network",
        slug="partner-network",
        country="PE",
        latitude=Decimal("-12.050000"),
        longitude=Decimal("-77.040000"),
        managers=[partner_manager],
        offering=["export promotion"],
    )


@pytest.fixture
def project(make_project, lead):
    return make_project(
        title="Export Bridge", slug="export-bridge", lead_initiative=lead, tags=["software"]
    )
