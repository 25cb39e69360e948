"""What projects give the rest of the site through portal's hooks: the API, the open data set,
the observatory charts, the member's data, the home section, the demo data."""

import io

from django.core.management import call_command
from django.test import RequestFactory

import pytest

from portal.member_data import member_data
from portal.observatory import ObservatoryFilters, observatory_charts
from portal.open_data import open_datasets
from portal.sections import home_sections
from projects.models import PartnerInterest, ProjectPage, ProjectPartner
from tests.factories.projects import PartnerInterestFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def test_api_lists_projects_like_the_open_data(client, project, partner_initiative):
    ProjectPartnerFactory(
        project=project, initiative=partner_initiative, confirmed_at="2026-01-01T00:00Z"
    )
    data = client.get("/api/projects").json()
    assert data == client.get("/projects/open-data/projects.json").json()
    assert data["projects"][0]["partners"] == ["Partner Network"]
    assert client.get("/api/projects.csv").content.startswith(b"id,title,url,status")
    schema = client.get("/api/openapi.json").json()
    assert "/api/projects" in schema["paths"] and "/api/initiatives" in schema["paths"]


def test_open_dataset_rows(project):
    dataset = next(d for d in open_datasets() if d.key == "projects")
    rows = list(dataset.rows())
    assert [field.name for field in dataset.fields] == list(rows[0])
    assert rows[0]["countries"] == "CO;PE"
    assert rows[0]["tags"] == "software"


def test_observatory_charts_by_status_and_country(make_project, lead):
    make_project(slug="a", lead_initiative=lead, status="running", countries=["CO", "PE"])
    make_project(slug="b", lead_initiative=lead, status="running", countries=["PE"])
    make_project(slug="c", lead_initiative=lead, status="idea", countries=["MX"])
    charts = {chart.key: chart for chart in observatory_charts()}
    by_status = {
        row.key: row.value for row in charts["projects-by-status"].data(ObservatoryFilters())
    }
    assert by_status == {"idea": 1, "seeking": 0, "running": 2, "completed": 0}
    by_country = [
        (r.key, r.value) for r in charts["projects-by-country"].data(ObservatoryFilters())
    ]
    assert by_country == [("PE", 2), ("CO", 1), ("MX", 1)]
    filtered = charts["projects-by-status"].data(ObservatoryFilters(country="PE"))
    assert {row.key: row.value for row in filtered}["running"] == 2
    assert {row.key: row.value for row in filtered}["idea"] == 0


def test_member_data(project, partner_manager, partner_initiative):
    PartnerInterestFactory(project=project, user=partner_manager, initiative=partner_initiative)
    part = member_data(partner_manager)["projects"]
    assert part["interests"][0]["project"] == "Export Bridge"
    assert part["interests"][0]["initiative"] == "Partner Network"


def test_deleting_an_account_deletes_its_interest(project, partner_manager):
    PartnerInterestFactory(project=project, user=partner_manager)
    partner_manager.delete()
    assert not PartnerInterest.objects.exists()


def test_home_section_lists_the_latest_projects(project):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = next(s.html for s in home_sections(request) if s.key == "projects")
    assert "Export Bridge" in html


def test_demo_data_is_idempotent(home_page):
    call_command("load_demo_data", "--only", "initiatives", stdout=io.StringIO())
    call_command("load_demo_data", "--only", "projects", stdout=io.StringIO())
    assert ProjectPage.objects.live().count() == 5
    assert ProjectPage.objects.filter(status="seeking").count() == 2
    assert ProjectPartner.objects.filter(confirmed_at__isnull=True).count() == 1
    countries = {c.code for page in ProjectPage.objects.all() for c in page.countries}
    assert {"CO", "MX", "PE", "CL", "EC", "BR", "AR"} <= countries
    call_command("load_demo_data", "--only", "projects", stdout=io.StringIO())
    assert ProjectPage.objects.count() == 5
    assert ProjectPartner.objects.count() == 5
