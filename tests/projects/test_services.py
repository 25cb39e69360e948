import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from wagtail.models import WorkflowState

import pytest

from projects import services
from projects.models import PartnerInterest, ProjectPage, ProjectPartner
from tests.factories.projects import PartnerInterestFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def test_create_makes_a_draft_in_moderation(project_index, lead, lead_manager):
    page = ProjectPage(title="Cocoa Route", summary="A route.", lead_initiative=lead)
    services.project_create(user=lead_manager, page=page, index_page=project_index)
    page.refresh_from_db()
    assert not page.live
    assert page.get_parent().pk == project_index.pk
    assert page.slug == "cocoa-route"
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_create_refuses_a_lead_the_person_does_not_manage(project_index, lead, member):
    page = ProjectPage(title="Not mine", summary="x", lead_initiative=lead)
    with pytest.raises(PermissionDenied):
        services.project_create(user=member, page=page, index_page=project_index)
    assert not ProjectPage.objects.filter(title="Not mine").exists()


def test_reserved_slugs_are_avoided(project_index, lead, lead_manager):
    page = ProjectPage(title="New", summary="x", lead_initiative=lead)
    services.project_create(user=lead_manager, page=page, index_page=project_index)
    assert page.slug == "new-project"


def test_only_the_leads_managers_and_moderators_edit(
    project, lead_manager, partner_manager, moderator
):
    assert services.user_can_edit(project=project, user=lead_manager)
    assert services.user_can_edit(project=project, user=moderator)
    assert not services.user_can_edit(project=project, user=partner_manager)


def test_interest_for_an_initiative_is_saved_and_emails_the_lead(
    project, partner_initiative, partner_manager, lead_manager, mailoutbox
):
    interest = services.interest_express(
        project=project, user=partner_manager, message="We export.", initiative=partner_initiative
    )
    assert interest.state == PartnerInterest.State.PENDING
    assert [m.to for m in mailoutbox] == [[lead_manager.email]]
    assert "Export Bridge" in mailoutbox[0].subject


@pytest.mark.parametrize(
    "case, message",
    [
        ("own project", "it is your own project"),
        ("twice", "already expressed interest"),
        ("after deadline", "not looking for partners"),
        ("not seeking", "not looking for partners"),
        ("empty", "why you would like to join"),
        ("already partner", "partner of the project already"),
    ],
)
def test_refused_interest_saves_nothing(
    case, message, project, lead_manager, partner_manager, partner_initiative
):
    user, initiative, text = partner_manager, partner_initiative, "Hello"
    if case == "own project":
        user, initiative = lead_manager, None
    elif case == "twice":
        PartnerInterestFactory(project=project, user=partner_manager)
    elif case == "after deadline":
        project.call_deadline = datetime.date.today() - datetime.timedelta(days=1)
        project.save()
    elif case == "not seeking":
        project.status = "running"
        project.save()
    elif case == "empty":
        text = "   "
    elif case == "already partner":
        ProjectPartnerFactory(project=project, initiative=partner_initiative)
    before = PartnerInterest.objects.count()
    with pytest.raises(ValidationError) as error:
        services.interest_express(project=project, user=user, message=text, initiative=initiative)
    assert message in error.value.messages[0]
    assert PartnerInterest.objects.count() == before


def test_interest_for_an_initiative_someone_else_manages_is_refused(
    project, member, partner_initiative
):
    with pytest.raises(PermissionDenied):
        services.interest_express(
            project=project, user=member, message="Hi", initiative=partner_initiative
        )
    assert not PartnerInterest.objects.exists()


def test_accepting_creates_a_partner_waiting_for_confirmation(
    project, lead_manager, partner_manager, partner_initiative, mailoutbox
):
    interest = PartnerInterestFactory(
        project=project, user=partner_manager, initiative=partner_initiative
    )
    partner = services.interest_decide(interest=interest, user=lead_manager, accept=True)
    interest.refresh_from_db()
    assert interest.state == PartnerInterest.State.ACCEPTED
    assert interest.decided_by == lead_manager
    assert partner.initiative_id == partner_initiative.pk
    assert partner.confirmed_at is None
    assert mailoutbox[-1].to == [partner_manager.email]
    services.partner_confirm(partner=partner, user=partner_manager, confirm=True)
    partner.refresh_from_db()
    assert partner.confirmed_at is not None


def test_accepting_an_initiative_the_same_person_manages_confirms_at_once(
    project, lead_manager, make_initiative, member
):
    second = make_initiative(title="Second", slug="second", managers=[lead_manager])
    interest = PartnerInterestFactory(project=project, user=member, initiative=second)
    partner = services.interest_decide(interest=interest, user=lead_manager, accept=True)
    assert partner.confirmed_at is not None


def test_declining_creates_no_partner(project, lead_manager, partner_manager, partner_initiative):
    interest = PartnerInterestFactory(
        project=project, user=partner_manager, initiative=partner_initiative
    )
    assert services.interest_decide(interest=interest, user=lead_manager, accept=False) is None
    assert not ProjectPartner.objects.exists()
    with pytest.raises(ValidationError):
        services.interest_decide(interest=interest, user=lead_manager, accept=True)
    assert not ProjectPartner.objects.exists()


def test_only_the_leads_managers_answer(project, partner_manager, partner_initiative, member):
    interest = PartnerInterestFactory(
        project=project, user=partner_manager, initiative=partner_initiative
    )
    with pytest.raises(PermissionDenied):
        services.interest_decide(interest=interest, user=member, accept=True)
    interest.refresh_from_db()
    assert interest.state == PartnerInterest.State.PENDING


def test_only_the_partners_managers_confirm(
    project, partner_initiative, lead_manager, partner_manager
):
    partner = ProjectPartnerFactory(project=project, initiative=partner_initiative)
    with pytest.raises(PermissionDenied):
        services.partner_confirm(partner=partner, user=lead_manager, confirm=True)
    services.partner_confirm(partner=partner, user=partner_manager, confirm=False)
    assert not ProjectPartner.objects.exists()
