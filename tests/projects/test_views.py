import csv
import io
import json

from django.urls import reverse

import pytest

from projects.models import PartnerInterest, ProjectPage, ProjectPartner
from tests.factories.projects import PartnerInterestFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def form_data(lead, **overrides):
    data = {
        "title": "Cocoa Route",
        "summary": "A cocoa route across three countries.",
        "goals": "Trace cocoa.",
        "lead_initiative": lead.pk,
        "status": "seeking",
        "countries": ["CO", "EC"],
        "regions": "",
        "start_date": "",
        "end_date": "",
        "tags": "cocoa, traceability",
        "call_text": "A partner in Ecuador.",
        "call_deadline": "",
        "call_partner_kind": "cluster",
        "call_countries": ["EC"],
        "sought_tags": "export promotion",
        "budget": "",
        "budget_currency": "",
        "funders": "",
    }
    data.update(overrides)
    return data


# -- Creation and editing ----------------------------------------------------------------------


def test_a_manager_creates_a_project_sent_to_moderation(client, project_index, lead, lead_manager):
    client.force_login(lead_manager)
    assert client.get(reverse("projects:create")).status_code == 200
    response = client.post(reverse("projects:create"), form_data(lead))
    assert response.status_code == 302
    page = ProjectPage.objects.get(title="Cocoa Route")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert sorted(t.name for t in draft.tags.all()) == ["cocoa", "traceability"]
    assert [t.name for t in draft.sought_tags.all()] == ["export promotion"]
    assert [c.code for c in draft.countries] == ["CO", "EC"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"title": ""}, "title", "This field is required"),
        ({"summary": ""}, "summary", "This field is required"),
        ({"call_text": ""}, "call_text", "Describe the partners"),
        ({"start_date": "2026-05-01", "end_date": "2026-01-01"}, "end_date", "cannot end before"),
        ({"budget_currency": "E1"}, "budget_currency", "three-letter currency"),
        ({"countries": ["XX"]}, "countries", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    client, project_index, lead, lead_manager, overrides, field, message
):
    client.force_login(lead_manager)
    response = client.post(reverse("projects:create"), form_data(lead, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ProjectPage.objects.exists()


def test_a_lead_the_person_does_not_manage_is_refused(
    client, project_index, lead, lead_manager, make_initiative
):
    other = make_initiative(title="Other", slug="other")
    client.force_login(lead_manager)
    response = client.post(reverse("projects:create"), form_data(other))
    assert "lead_initiative" in response.context["form"].errors
    assert not ProjectPage.objects.exists()


def test_members_without_an_initiative_cannot_create(client, project_index, member):
    client.force_login(member)
    response = client.get(reverse("projects:create"))
    assert response.status_code == 200
    assert "Only managers of a published initiative" in response.content.decode()
    assert "project-form" not in response.content.decode()
    assert client.post(reverse("projects:create"), {"title": "x"}).status_code == 403
    assert not ProjectPage.objects.exists()


def test_the_form_speaks_spanish(client, project_index, lead, lead_manager):
    client.force_login(lead_manager)
    response = client.post("/es" + reverse("projects:create"), form_data(lead, summary=""))
    assert "Este campo es necesario" in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_edit_is_for_the_leads_managers(client, project, lead_manager, partner_manager):
    url = reverse("projects:edit", args=[project.pk])
    client.force_login(partner_manager)
    assert client.get(url).status_code == 403
    client.force_login(lead_manager)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(project.lead_initiative, title="Export Bridge 2"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Export Bridge"  # live version unchanged until approved
    assert project.get_latest_revision_as_object().title == "Export Bridge 2"


# -- The page, interest and answers ------------------------------------------------------------


def test_page_shows_only_confirmed_partners(client, project, partner_initiative, make_initiative):
    unconfirmed = make_initiative(title="Unconfirmed Org", slug="unconfirmed")
    ProjectPartnerFactory(
        project=project, initiative=partner_initiative, confirmed_at="2026-01-01T00:00Z"
    )
    ProjectPartnerFactory(project=project, initiative=unconfirmed)
    html = client.get(project.url).content.decode()
    assert "Partner Network" in html
    assert "Unconfirmed Org" not in html
    assert "project-map-points" in html
    assert "Call for partners" in html


def test_interest_through_the_page(client, project, partner_manager, partner_initiative):
    client.force_login(partner_manager)
    html = client.get(project.url).content.decode()
    assert 'id="interest-form"' in html
    response = client.post(
        reverse("projects:interest", args=[project.pk]),
        {"message": "We export to Peru.", "initiative": partner_initiative.pk},
        follow=True,
    )
    assert "the project&#x27;s lead will answer you" in response.content.decode()
    interest = PartnerInterest.objects.get()
    assert interest.initiative_id == partner_initiative.pk


def test_joining_your_own_project_is_refused_with_a_message(client, project, lead_manager):
    client.force_login(lead_manager)
    response = client.post(
        reverse("projects:interest", args=[project.pk]), {"message": "Me"}, follow=True
    )
    assert "it is your own project" in response.content.decode()
    assert not PartnerInterest.objects.exists()


def test_empty_interest_is_refused(client, project, member):
    client.force_login(member)
    response = client.post(
        reverse("projects:interest", args=[project.pk]), {"message": ""}, follow=True
    )
    assert "This field is required" in response.content.decode()
    assert not PartnerInterest.objects.exists()


def test_unverified_members_cannot_express_interest(client, project, unverified_user):
    client.force_login(unverified_user)
    client.post(reverse("projects:interest", args=[project.pk]), {"message": "Hi"})
    assert not PartnerInterest.objects.exists()


def test_answer_and_confirm_from_the_dashboard(
    client, project, lead_manager, partner_manager, partner_initiative
):
    interest = PartnerInterestFactory(
        project=project, user=partner_manager, initiative=partner_initiative
    )
    client.force_login(lead_manager)
    dashboard = client.get(reverse("community:dashboard")).content.decode()
    assert "Interest in your projects" in dashboard
    client.post(reverse("projects:decide", args=[interest.pk]), {"decision": "accept"})
    partner = ProjectPartner.objects.get()
    assert partner.confirmed_at is None
    client.force_login(partner_manager)
    dashboard = client.get(reverse("community:dashboard")).content.decode()
    assert "Partnerships to confirm" in dashboard
    client.post(reverse("projects:confirm", args=[partner.pk]), {"decision": "accept"})
    partner.refresh_from_db()
    assert partner.confirmed_at is not None
    assert "Partner Network" in client.get(project.url).content.decode()


def test_others_cannot_answer(client, project, partner_manager, partner_initiative, member):
    interest = PartnerInterestFactory(
        project=project, user=partner_manager, initiative=partner_initiative
    )
    client.force_login(member)
    response = client.post(reverse("projects:decide", args=[interest.pk]), {"decision": "accept"})
    assert response.status_code == 403
    response = client.post(reverse("projects:decide", args=[interest.pk]), {"decision": "maybe"})
    interest.refresh_from_db()
    assert interest.state == PartnerInterest.State.PENDING
    assert not ProjectPartner.objects.exists()


def test_suggestions_explain_the_reason(
    client, make_project, make_initiative, lead, partner_manager, partner_initiative
):
    make_project(
        title="Needs exporters",
        slug="needs-exporters",
        lead_initiative=lead,
        sought_tags=["export promotion"],
    )
    make_project(
        title="Needs nothing we offer",
        slug="nothing",
        lead_initiative=lead,
        sought_tags=["x"],
        call_countries=["MX"],
    )
    client.force_login(partner_manager)
    html = client.get(reverse("community:dashboard")).content.decode()
    assert "Needs exporters" in html
    assert "it seeks what Partner Network offers: export promotion" in html
    assert "Needs nothing we offer" not in html


# -- Other pages -------------------------------------------------------------------------------


def test_initiative_page_lists_its_projects(client, project, partner_initiative):
    ProjectPartnerFactory(project=project, initiative=partner_initiative)
    assert "Export Bridge" in client.get(project.lead_initiative.url).content.decode()
    # Not confirmed yet: not on the partner's page.
    assert "Export Bridge" not in client.get(partner_initiative.url).content.decode()


def test_index_filters(client, project, make_project, lead, project_index):
    make_project(title="Finished", slug="finished", lead_initiative=lead, status="completed")
    html = client.get(project_index.url + "?status=completed").content.decode()
    assert "Finished" in html and "Export Bridge" not in html
    html = client.get(project_index.url + "?status=bogus").content.decode()
    assert "Some filters were not recognised" in html
    html = client.get(project_index.url + "?country=PE").content.decode()
    assert "Export Bridge" in html and "Finished" in html
    html = client.get(project_index.url + "?country=MX").content.decode()
    assert "No project matches" in html


def test_tag_page_lists_projects(client, project):
    assert "Export Bridge" in client.get(reverse("portal:tag", args=["software"])).content.decode()


def test_drafts_are_not_public(client, make_project, lead):
    draft = make_project(title="Secret", slug="secret", lead_initiative=lead)
    draft.unpublish()
    assert client.get("/projects/secret/").status_code == 404
    data = client.get(reverse("projects:json")).json()
    assert data["projects"] == []


# -- Open data ---------------------------------------------------------------------------------


def test_open_data_json_and_csv(client, project, partner_initiative, make_initiative):
    ProjectPartnerFactory(
        project=project, initiative=partner_initiative, confirmed_at="2026-01-01T00:00Z"
    )
    ProjectPartnerFactory(project=project, initiative=make_initiative(title="Hidden", slug="h"))
    project.funders = "=HYPERLINK(1)"
    project.save_revision().publish()
    data = json.loads(client.get(reverse("projects:json")).content)
    assert data["licence"]["url"]
    assert data["count"] == 1
    row = data["projects"][0]
    assert row["partners"] == ["Partner Network"]
    assert row["lead_initiative"] == "Lead Cluster"
    assert row["url"].startswith("http")
    response = client.get(reverse("projects:csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["funders"] == "'=HYPERLINK(1)"
    assert rows[0]["countries"] == "CO;PE"
    assert rows[0]["partners"] == "Partner Network"
