"""A member edits their profile, finds a collaborator by tag in the directory and sends a
contact request; the recipient sees it in their inbox. Screenshots in test-artifacts/."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def people(home_page, make_user):
    from tests.factories.community import MemberProfileFactory

    recipient = make_user(username="rosa", first_name="Rosa", last_name="Mamani")
    MemberProfileFactory(
        user=recipient,
        display_name="Rosa Mamani",
        organization="Cooperativa Agraria Norandino",
        role="Gerente de calidad",
        country="PE",
        visibility="public",
        expertise=["cocoa", "agro-industry"],
        offering=["export promotion"],
    )
    MemberProfileFactory(
        user=make_user(username="other"),
        display_name="Tomás Muñoz",
        country="CL",
        expertise=["logistics"],
    )
    sender = make_user(username="joao", first_name="João", last_name="Silva")
    return sender, recipient


def photo_file(tmp_path):
    path = tmp_path / "me.png"
    image = Image.new("RGB", (400, 400), (11, 79, 92))
    for x in range(120, 280):
        for y in range(120, 280):
            image.putpixel((x, y), (227, 162, 26))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_edit_profile_find_collaborator_and_contact(
    browser, live_server, people, screenshot, tmp_path, login_as
):
    from community.models import ContactRequest, MemberProfile

    sender, recipient = people
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, sender)
    page = context.new_page()

    # 1. Edit the profile.
    page.goto(f"{live_server.url}/members/me/edit/")
    page.fill("#id_display_name", "João Silva")
    page.fill("#id_organization", "SEBRAE Minas Gerais")
    page.select_option("#id_organization_type", "public_agency")
    page.fill("#id_role", "Analista de competitividade")
    page.select_option("#id_country", "BR")
    page.fill("#id_city", "Belo Horizonte")
    page.fill("#id_bio", "Trabalho com cadeias de café e cacau em Minas Gerais.")
    page.fill("#id_expertise", "coffee, cocoa")
    page.fill("#id_seeking", "export promotion")
    page.fill("#id_offering", "training")
    page.check("input[name=languages][value=pt]")
    page.check("input[name=languages][value=es]")
    page.select_option("#id_visibility", "public")
    page.set_input_files("#id_photo_upload", str(photo_file(tmp_path)))
    screenshot(page, "1-profile-edit")
    page.get_by_role("button", name="Save my profile").click()
    expect(page.locator(".messages")).to_contain_text("Your profile has been saved")
    expect(page.locator("h1")).to_have_text("João Silva")
    expect(page.locator("img.member-profile__photo")).to_be_visible()
    screenshot(page, "2-profile")
    profile = MemberProfile.objects.get(user=sender)
    assert sorted(t.name for t in profile.expertise.all()) == ["cocoa", "coffee"]

    # 2. Find a collaborator by tag in the directory.
    page.goto(f"{live_server.url}/members/")
    page.fill("#id_tag", "cocoa")
    page.get_by_role("button", name="Filter").click()
    cards = page.locator(".member-card")
    expect(cards.filter(has_text="Rosa Mamani")).to_have_count(1)
    expect(page.get_by_text("Tomás Muñoz")).to_have_count(0)
    screenshot(page, "3-directory")

    # 3. Send a contact request from her profile.
    page.get_by_role("link", name="Rosa Mamani").click()
    page.get_by_role("link", name="Send a contact request").click()
    page.fill("#id_subject", "Cacau e café: intercâmbio")
    page.fill("#id_message", "Olá Rosa, podemos conversar sobre exportação de cacau fino?")
    screenshot(page, "4-contact-form")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messages")).to_contain_text("Your message has been sent to Rosa Mamani")
    assert ContactRequest.objects.filter(sender=sender, recipient=recipient).count() == 1
    context.close()

    # 4. The recipient sees it in their inbox on the dashboard.
    context = browser.new_context(viewport=DESKTOP)
    login_as(context, recipient)
    page = context.new_page()
    page.goto(f"{live_server.url}/dashboard/")
    inbox = page.locator("#dashboard-inbox")
    expect(inbox).to_contain_text("Cacau e café: intercâmbio")
    expect(inbox).to_contain_text("João Silva")
    screenshot(page, "5-recipient-dashboard")
    inbox.get_by_role("link", name="Cacau e café: intercâmbio").click()
    expect(page.locator(".prose")).to_contain_text("exportação de cacau fino")
    assert sender.email not in page.content()
    screenshot(page, "6-message")
    context.close()

    # The directory at phone width.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/members/?tag=cocoa")
    expect(page.locator(".member-card").first).to_be_visible()
    screenshot(page, "7-directory-phone")
    context.close()
