"""A cluster manager publishes a practice with tags from the public form, a moderator approves
it in the Wagtail admin, and it appears on the tag page and in search. Screenshots of the
form, the admin, the practice, the tag page, search and the topic page (test-artifacts/)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def site(home_page):
    """The practice and topic index pages under the migrated home page, with the practice
    moderation workflow attached."""
    from knowledge.services import practice_workflow_ensure
    from tests.factories.knowledge import PracticeIndexPageFactory, TopicIndexPageFactory

    practices = PracticeIndexPageFactory(parent=home_page)
    topics = TopicIndexPageFactory(parent=home_page)
    practice_workflow_ensure()
    return {"home": home_page, "practices": practices, "topics": topics}


def test_publish_approve_and_find(browser, live_server, site, make_user, screenshot, login_as):
    from knowledge.models import PracticePage
    from tests.factories.knowledge import ResearchTopicPageFactory

    manager = make_user(username="e2e_manager", groups=["Members", "Cluster managers"])
    moderator = make_user(username="e2e_moderator", groups=["Moderators"])
    topic = ResearchTopicPageFactory(
        parent=site["topics"],
        title="Post-harvest losses",
        slug="post-harvest",
        tags=["post-harvest"],
    )
    topic.save_revision().publish()

    # The cluster manager fills in the public form.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, manager)
    form = context.new_page()
    form.goto(f"{live_server.url}/practices/new/")
    form.fill("#id_title", "Solar dryers for Huila coffee")
    form.fill("#id_summary", "Neighbours share solar dryers and cut post-harvest losses.")
    form.fill("#id_problem", "Rain during the harvest left coffee mouldy.")
    form.fill(
        "#id_intervention",
        "<p>We co-financed <b>140</b> shared dryers.</p><script>alert(1)</script>",
    )
    form.fill("#id_results", "Losses fell by almost two thirds.")
    form.select_option("#id_country", "CO")
    form.fill("#id_tags", "post-harvest, coffee drying")
    form.fill("#id_figures-0-value", "-62")
    form.fill("#id_figures-0-unit", "%")
    form.fill("#id_figures-0-label", "coffee downgraded for moisture")
    screenshot(form, "form")
    form.click("#practice-submit")
    form.wait_for_load_state()
    expect(form.locator(".messages")).to_contain_text("sent to the moderators")
    practice = PracticePage.objects.get(title="Solar dryers for Huila coffee")
    assert not practice.live
    context.close()

    # Not visible before approval.
    visitor = browser.new_context(viewport=DESKTOP).new_page()
    visitor.goto(f"{live_server.url}/tags/post-harvest/")
    expect(visitor.locator("main")).not_to_contain_text("Solar dryers for Huila coffee")
    visitor.context.close()

    # The moderator approves it in the Wagtail admin.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, moderator)
    admin = context.new_page()
    admin.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    screenshot(admin, "admin")
    approve = admin.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    expect(approve).to_have_count(1)
    with admin.expect_navigation():
        approve.evaluate("button => button.click()")
    practice.refresh_from_db()
    assert practice.live
    context.close()

    # It appears on the tag page, on the topic page and in search.
    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        visitor = browser.new_context(viewport=viewport).new_page()
        visitor.goto(f"{live_server.url}/tags/post-harvest/")
        group = visitor.locator("#group-practices")
        expect(group).to_contain_text("Good practices")
        expect(visitor.locator("main")).to_contain_text("Solar dryers for Huila coffee")
        screenshot(visitor, f"tag-{suffix}")

        visitor.goto(f"{live_server.url}/search/?q=dryers")
        expect(visitor.locator(".search-results")).to_contain_text("Solar dryers for Huila coffee")
        expect(visitor.locator(".search-results mark").first).to_have_text("dryers")
        screenshot(visitor, f"search-{suffix}")

        visitor.goto(f"{live_server.url}{practice.url}")
        expect(visitor.locator("h1")).to_have_text("Solar dryers for Huila coffee")
        expect(visitor.locator("main")).to_contain_text("-62 %")
        assert visitor.evaluate("() => document.querySelectorAll('main script').length") == 0
        screenshot(visitor, f"practice-{suffix}")

        visitor.goto(f"{live_server.url}/topics/post-harvest/")
        expect(visitor.locator("#section-practices")).to_contain_text("Good practices")
        screenshot(visitor, f"topic-{suffix}")
        visitor.context.close()
