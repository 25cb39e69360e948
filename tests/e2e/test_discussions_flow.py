"""A member asks a question in a research topic, another member answers, and the author marks
the answer as the solution. Screenshots at 1280 and 360 px in docs/screenshots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _seasoned(make_user, username, **kwargs):
    """A verified member whose first two posts were already published (no moderation wait)."""
    from tests.factories.discussions import ThreadFactory

    user = make_user(username=username, groups=["Members"], **kwargs)
    ThreadFactory.create_batch(2, author=user, title=f"Earlier question by {username}")
    return user


@pytest.fixture
def topic(home_page):
    from tests.factories.knowledge import ResearchTopicPageFactory, TopicIndexPageFactory

    index = TopicIndexPageFactory(parent=home_page, title="Research topics", slug="topics")
    return ResearchTopicPageFactory(
        parent=index, title="Evaluation of cluster policy", slug="evaluation", tags=["evaluation"]
    )


def _docs_shot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"discussions-{name}.png"), full_page=True)


def test_ask_answer_and_mark_solved(browser, live_server, topic, make_user, login_as, screenshot):
    from discussions.models import Reply, Thread

    asker = _seasoned(make_user, "lucia", first_name="Lucía", last_name="Gómez")
    helper = _seasoned(make_user, "pedro", first_name="Pedro", last_name="Alves")

    # 1. Lucía asks from the topic's page.
    asking = browser.new_context(viewport=DESKTOP)
    login_as(asking, asker)
    page = asking.new_page()
    page.goto(f"{live_server.url}{topic.url}")
    section = page.locator("section[aria-labelledby=page-threads-title]")
    section.get_by_role("link", name="Start a discussion").click()
    expect(page.get_by_text("In the space of “Evaluation of cluster policy”.")).to_be_visible()
    page.fill("#id_title", "How do you measure spillovers of a cluster initiative?")
    page.fill(
        "#id_body",
        "Our regional government asks for effects beyond the member firms.\n\n"
        "Which indicators worked for you, and where did the data come from?",
    )
    page.fill("#id_tags", "evaluation, indicators")
    screenshot(page, "1-ask")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How do you measure spillovers of a cluster initiative?"
    )
    expect(page.get_by_text("Your discussion is published.")).to_be_visible()
    thread = Thread.objects.get(title__startswith="How do you measure spillovers")
    assert thread.space_id == topic.pk and thread.status == "published"

    # 2. Pedro answers.
    answering = browser.new_context(viewport=DESKTOP)
    login_as(answering, helper)
    other = answering.new_page()
    other.goto(f"{live_server.url}/discussions/space/{topic.pk}/")
    other.get_by_role("link", name="How do you measure spillovers of a cluster initiative?").click()
    other.fill(
        "#id_body",
        "We compared member firms with similar firms outside the cluster, using tax office "
        "data. Ask for the data early: it took us six months.",
    )
    other.get_by_role("button", name="Send reply").click()
    expect(other.get_by_text("Your reply is published.")).to_be_visible()
    reply = Reply.objects.get(thread=thread)
    answering.close()

    # 3. Lucía marks the answer as the solution.
    page.reload()
    expect(page.get_by_text("using tax office data", exact=False)).to_be_visible()
    page.get_by_role("button", name="Mark as the solution").click()
    expect(page.get_by_text("Marked as the reply that solved the question.")).to_be_visible()
    expect(page.locator(f"#reply-{reply.pk} .badge--success")).to_have_text("Solved the question")
    thread.refresh_from_db()
    assert thread.solved_reply_id == reply.pk
    _docs_shot(page, "thread-desktop")

    page.goto(f"{live_server.url}/discussions/?filter=solved")
    expect(page.get_by_role("link", name=thread.title)).to_be_visible()
    _docs_shot(page, "list-desktop")
    asking.close()

    # The same pages on a phone.
    phone = browser.new_context(viewport=PHONE)
    login_as(phone, asker)
    small = phone.new_page()
    small.goto(f"{live_server.url}/discussions/{thread.pk}/")
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the thread page overflows: {width}px"
    _docs_shot(small, "thread-phone")
    small.goto(f"{live_server.url}/discussions/?filter=solved")
    assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _docs_shot(small, "list-phone")
    phone.close()
