"""The project page and the projects index keep what every visitor sees alike
(``portal.page_cache.fragment`` and ``{% shared_fragment %}``) until the next write to public
content: each test stores the copy with a first GET, changes what it shows, and expects the
change in the next GET. What differs per visitor (the lead's edit link, the interest form)
is never taken from the kept copy."""

import pytest

from projects.models import ProjectOutput
from projects.services import partner_confirm
from tests.factories.projects import ProjectPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settings_row():
    from portal.models import PortalSettings

    # The first page ever served creates the settings row (a write: a new generation).
    PortalSettings.load()


def test_a_partner_confirmed_after_the_page_was_kept_is_shown(
    client, project, partner_initiative, partner_manager
):
    partner = ProjectPartnerFactory(project=project, initiative=partner_initiative)
    html = client.get(project.url).content.decode()
    assert "Partner Network" not in html
    partner_confirm(partner=partner, user=partner_manager, confirm=True)
    html = client.get(project.url).content.decode()
    # In the list and on the map.
    assert html.count("Partner Network") == 2


def test_a_renamed_partner_new_output_and_new_tag_are_shown(client, project, partner_initiative):
    ProjectPartnerFactory(
        project=project, initiative=partner_initiative, confirmed_at="2026-01-01T00:00Z"
    )
    assert "Partner Network" in client.get(project.url).content.decode()
    partner_initiative.title = "Renamed Network"
    partner_initiative.save_revision().publish()
    ProjectOutput.objects.create(page=project, title="Cocoa traceability guide")
    project.tags.add("traceability")
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert "Renamed Network" in html
    assert "Cocoa traceability guide" in html
    assert "traceability" in html


def test_the_kept_copy_never_carries_a_visitors_links_or_forms(
    client, project, lead_manager, partner_manager
):
    edit = f"/projects/{project.pk}/edit/"
    assert "Sign in to express interest" in client.get(project.url).content.decode()
    client.force_login(lead_manager)
    html = client.get(project.url).content.decode()
    assert edit in html and "Sign in to express interest" not in html
    client.force_login(partner_manager)
    html = client.get(project.url).content.decode()
    assert edit not in html and 'id="interest-form"' in html
    client.logout()
    html = client.get(project.url).content.decode()
    assert edit not in html and 'id="interest-form"' not in html


def test_the_index_shows_a_new_project_and_its_count(
    client, project_index, project, make_project, lead
):
    html = client.get(project_index.url).content.decode()
    assert "Export Bridge" in html
    make_project(title="Cocoa Route", slug="cocoa-route", lead_initiative=lead, tags=["cocoa"])
    response = client.get(project_index.url)
    assert "Cocoa Route" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 2
    # A filtered list is kept apart from the unfiltered one.
    filtered = client.get(project_index.url, {"tag": "cocoa"})
    assert filtered.context["page_obj"].paginator.count == 1
    assert "Export Bridge" not in filtered.content.decode().split('id="results-title"')[1]
