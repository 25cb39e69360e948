"""A member asks a question with a document attached; the file is listed under the question
(name, type, size) and any visitor downloads it through Wagtail's document view. A refused file
shows the practice rule's error and saves nothing. Screenshots at 1280 and 360 px in
docs/screenshots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docs_shot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"discussions-{name}.png"), full_page=True)


def test_question_with_an_attachment(
    browser, live_server, make_user, login_as, screenshot, settings, tmp_path
):
    from wagtail.documents import get_document_model

    from discussions.models import Thread
    from tests.factories.discussions import ThreadFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    asker = make_user(username="lucia", first_name="Lucía", last_name="Gómez", groups=["Members"])
    ThreadFactory.create_batch(2, author=asker, title="Earlier question")  # past moderation
    files = tmp_path / "upload"
    files.mkdir()
    (files / "spillover-indicators.pdf").write_bytes(PDF)
    (files / "macro.exe").write_bytes(b"MZ\x90\x00")

    context = browser.new_context(viewport=DESKTOP)
    login_as(context, asker)
    page = context.new_page()
    page.goto(f"{live_server.url}/discussions/new/")
    page.fill("#id_title", "Which spillover indicators do you use?")
    page.fill("#id_body", "Our draft list is attached: what would you add?")

    # A refused file: the practice rule's message, nothing saved.
    page.set_input_files("#id_attachments", str(files / "macro.exe"))
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("this type of file is not accepted", exact=False)).to_be_visible()
    assert not Thread.objects.filter(title__startswith="Which spillover").exists()
    assert not get_document_model().objects.exists()
    screenshot(page, "refused")

    page.set_input_files("#id_attachments", str(files / "spillover-indicators.pdf"))
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Your discussion is published.")).to_be_visible()
    link = page.get_by_role("link", name="spillover-indicators.pdf")
    expect(link).to_be_visible()
    expect(page.locator(".post-attachments")).to_contain_text("PDF")
    _docs_shot(page, "attachment-1280")
    href = link.get_attribute("href")
    context.close()

    # Any visitor downloads the published file through the document view.
    anonymous = browser.new_context(viewport=PHONE)
    response = anonymous.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.body() == PDF
    small = anonymous.new_page()
    thread = Thread.objects.get(title__startswith="Which spillover")
    small.goto(f"{live_server.url}/discussions/{thread.pk}/")
    expect(small.get_by_role("link", name="spillover-indicators.pdf")).to_be_visible()
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the thread page overflows: {width}px"
    _docs_shot(small, "attachment-360")
    anonymous.close()
