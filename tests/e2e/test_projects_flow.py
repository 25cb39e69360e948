"""A cluster manager proposes a joint project seeking partners; a moderator approves it; the
manager of another initiative expresses interest; the lead accepts; the partner's manager
confirms and the partner shows on the project's page and map. Screenshots at 1280 and 360 px
in docs/screenshots/projects-*.png."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def cast(home_page, make_user):
    from projects.models import ProjectIndexPage
    from registry.models import InitiativeManager
    from registry.services import index_pages_ensure
    from tests.factories.projects import ProjectIndexPageFactory
    from tests.factories.registry import InitiativePageFactory

    registry = index_pages_ensure()
    if not ProjectIndexPage.objects.exists():
        ProjectIndexPageFactory(parent=home_page).save_revision().publish()
    lead_manager = make_user(username="ana", first_name="Ana", last_name="Restrepo")
    partner_manager = make_user(username="rosa", first_name="Rosa", last_name="Mamani")
    lead = InitiativePageFactory(
        parent=registry, title="Medellín Software Cluster", slug="medellin-software"
    )
    lead.save_revision().publish()
    partner = InitiativePageFactory(
        parent=registry,
        title="Lima Export Network",
        slug="lima-export",
        country="PE",
        region="Lima",
        city="Lima",
        latitude=Decimal("-12.046400"),
        longitude=Decimal("-77.042800"),
    )
    partner.offering_tags.set(["export promotion"])
    partner.save()
    partner.save_revision().publish()
    InitiativeManager.objects.create(page=lead, user=lead_manager)
    InitiativeManager.objects.create(page=partner, user=partner_manager)
    return lead_manager, partner_manager, lead, partner


def shoot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)  # let the layout (and the map) settle at the new width
        page.screenshot(path=str(DOCS / f"projects-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def approve(title, moderator):
    """What a moderator's "Approve" in the Wagtail admin does (Wagtail's own workflow)."""
    from wagtail.models import WorkflowState

    from projects.models import ProjectPage

    project = ProjectPage.objects.get(title=title)
    state = WorkflowState.objects.for_instance(project).get(status="in_progress")
    state.current_task_state.approve(user=moderator)
    project.refresh_from_db()
    return project


def test_propose_join_accept_confirm(browser, live_server, cast, login_as, make_user, mailoutbox):
    from projects.models import PartnerInterest, ProjectPartner

    lead_manager, partner_manager, lead, partner = cast
    url = live_server.url

    # 1. The lead's manager proposes a project seeking partners.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, lead_manager)
    page = context.new_page()
    page.goto(f"{url}/projects/new/")
    page.fill("#id_title", "Pacific Software Export Bridge")
    page.fill("#id_summary", "Software firms of several clusters prepare joint export offers.")
    page.fill("#id_goals", "Ten export contracts in two years.")
    page.select_option("#id_lead_initiative", str(lead.pk))
    page.select_option("#id_status", "seeking")
    page.fill("#id_tags", "software, export promotion")
    page.fill("#id_call_text", "A cluster in Peru with firms ready to export.")
    page.fill("#id_sought_tags", "export promotion")
    page.select_option("#id_call_partner_kind", "cluster")
    shoot(page, "1-form")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator(".messages")).to_contain_text("sent to the moderators")
    context.close()

    project = approve(
        "Pacific Software Export Bridge", make_user(username="mod", groups=["Moderators"])
    )
    assert project.live

    # 2. Another initiative's manager finds it among their suggestions and expresses interest.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, partner_manager)
    page = context.new_page()
    page.goto(f"{url}/dashboard/")
    suggestion = page.locator("#projects").get_by_role(
        "link", name="Pacific Software Export Bridge"
    )
    expect(page.locator("#projects")).to_contain_text("it seeks what Lima Export Network offers")
    suggestion.click()
    page.fill("#id_message", "Our firms export software services to Chile and Mexico.")
    page.select_option("#id_initiative", str(partner.pk))
    shoot(page, "2-call")
    page.get_by_role("button", name="Express interest").click()
    expect(page.locator("#call")).to_contain_text("You expressed interest in this project")
    assert PartnerInterest.objects.get().initiative_id == partner.pk
    context.close()

    # 3. The lead accepts on the dashboard: the partner waits for its manager's confirmation.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, lead_manager)
    page = context.new_page()
    page.goto(f"{url}/dashboard/")
    box = page.locator("#projects")
    expect(box).to_contain_text("Our firms export software services")
    shoot(page, "3-dashboard-lead")
    box.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Your answer was sent")
    assert ProjectPartner.objects.get().confirmed_at is None
    page.goto(url + project.url)
    expect(page.locator("#partners-title + ul")).not_to_contain_text("Lima Export Network")
    context.close()

    # 4. The partner's manager confirms; the partner shows on the page and its map.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, partner_manager)
    page = context.new_page()
    page.goto(f"{url}/dashboard/")
    page.locator("#projects").get_by_role("button", name="Confirm").click()
    expect(page.locator(".messages")).to_contain_text("Your answer was saved")
    page.goto(url + project.url)
    expect(page.locator("#partners-title + ul")).to_contain_text("Lima Export Network")
    expect(page.locator("#project-map")).to_have_attribute("data-markers", "2")
    shoot(page, "4-project")
    context.close()
    assert ProjectPartner.objects.get().confirmed_at is not None
    assert any("Interest in" in message.subject for message in mailoutbox)
