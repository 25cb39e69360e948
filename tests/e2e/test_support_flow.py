"""Technical support, end to end in Chromium: a cluster manager asks for support on their
initiative, staff assign it in the Wagtail admin to the expert the matching suggests, the
expert answers from the site, staff publish it and anyone reads the question and answer.
Screenshots at 1280 and 360 px in docs/screenshots/support-*.png."""

from pathlib import Path

from django.conf import settings

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def shoot(page, name):
    """docs/screenshots/support-<name>-1280.png and -360.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in (("1280", DESKTOP), ("360", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SCREENSHOTS / f"support-{name}-{width}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def cast(home_page, make_user):
    from registry.services import index_pages_ensure
    from tests.factories.community import MemberProfileFactory
    from tests.factories.knowledge import ResearchTopicPageFactory, TopicIndexPageFactory
    from tests.factories.registry import InitiativePageFactory

    manager = make_user(username="carolina", groups=["Members", "Cluster managers"])
    MemberProfileFactory(user=manager, display_name="Carolina Gestora")
    initiative = InitiativePageFactory(
        parent=index_pages_ensure(), title="Huila Coffee Cluster", managers=[manager]
    )
    topics = TopicIndexPageFactory(parent=home_page)
    topic = ResearchTopicPageFactory(parent=topics, title="Value chains", slug="value-chains")
    expert = make_user(username="eva", groups=["Members"])
    MemberProfileFactory(user=expert, display_name="Eva Experta", expertise=["coffee"])
    moderator = make_user(username="mateo", groups=["Moderators"])
    return {
        "manager": manager,
        "initiative": initiative,
        "topic": topic,
        "expert": expert,
        "moderator": moderator,
    }


def test_ask_assign_answer_publish(browser, live_server, cast, login_as):
    from support.models import State, SupportRequest

    base = live_server.url

    # 1. The manager asks for support about their initiative.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, cast["manager"])
    page = context.new_page()
    page.goto(f"{base}/support/ask/")
    page.select_option("#id_initiative", str(cast["initiative"].pk))
    page.select_option("#id_need", "methodology")
    page.fill("#id_title", "Mapping the coffee value chain")
    page.fill(
        "#id_description",
        "We want to map the coffee value chain of Huila with producers, mills and exporters. "
        "Which methodology do you recommend?",
    )
    page.select_option("#id_topic", str(cast["topic"].pk))
    page.fill("#id_tags", "coffee")
    page.select_option("#id_urgency", "high")
    page.check("#id_consent_to_publish")
    shoot(page, "1-ask")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Mapping the coffee value chain")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("New")
    shoot(page, "2-my-request")
    item = SupportRequest.objects.get()
    assert item.requester == cast["manager"]
    context.close()

    # 2. Staff open the queue in the Wagtail admin and assign it to the suggested expert.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, cast["moderator"])
    page = context.new_page()
    page.goto(f"{base}/admin/support_requests/")
    page.get_by_role("link", name="Mapping the coffee value chain").click()
    expect(page.get_by_text("Works on: coffee")).to_be_visible()
    page.select_option("#id_assignee", str(cast["expert"].pk))
    page.fill("#id_due_date", "2030-01-31")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(
        page.get_by_text("Assigned; the requester and the assignee were emailed.")
    ).to_be_visible()
    shoot(page, "3-admin-triage")
    item.refresh_from_db()
    assert item.assignee == cast["expert"]
    assert item.state == State.ASSIGNED

    # 3. The expert finds it on their dashboard and answers.
    expert_context = browser.new_context(viewport=DESKTOP)
    login_as(expert_context, cast["expert"])
    expert_page = expert_context.new_page()
    expert_page.goto(f"{base}/dashboard/")
    expert_page.get_by_role("link", name="Mapping the coffee value chain").first.click()
    expert_page.fill("#id_answer", "Start with a participatory map: one workshop per municipality.")
    expert_page.get_by_role("button", name="Send the answer").click()
    expect(expert_page.get_by_text("Your answer has been sent to the requester.")).to_be_visible()
    shoot(expert_page, "4-answered")
    expert_context.close()
    item.refresh_from_db()
    assert item.state == State.ANSWERED

    # 4. Staff publish it (the requester agreed).
    page.reload()
    page.get_by_role("button", name="Publish as a question and answer").click()
    expect(page.get_by_text("Published as a question and answer.")).to_be_visible()
    context.close()
    item.refresh_from_db()
    assert item.published

    # 5. Anyone reads it, also from its topic's page.
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/support/answers/")
    page.get_by_role("link", name="Mapping the coffee value chain").click()
    expect(page.get_by_text("Start with a participatory map")).to_be_visible()
    shoot(page, "5-published")
    page.goto(f"{base}/topics/value-chains/")
    expect(page.get_by_role("link", name="Mapping the coffee value chain")).to_be_visible()
    context.close()
