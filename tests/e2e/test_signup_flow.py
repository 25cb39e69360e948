"""In headless Chromium: open the home page, switch to Spanish, sign up, confirm through the
emailed link, log in, log out. Screenshots of every step in test-artifacts/."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "una-clave-bastante-larga-2026"


def test_signup_in_spanish(page, live_server, screenshot):
    from accounts.models import User

    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "1-home-en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page).to_have_url(f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    screenshot(page, "2-home-es")

    page.get_by_role("link", name="Registrarse").click()
    expect(page).to_have_url(f"{live_server.url}/es/accounts/signup/")
    page.get_by_label("Correo electrónico").fill("lucia@example.org")
    page.get_by_label("Nombre de usuario").fill("lucia")
    # The labels carry a hidden "(obligatorio)": pick the two password inputs by name.
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    screenshot(page, "3-signup-form")
    page.get_by_role("button", name="Registrarse").click()

    expect(page).to_have_url(f"{live_server.url}/es/accounts/confirm-email/")
    screenshot(page, "4-verification-sent")
    user = User.objects.get(username="lucia")
    assert user.preferred_language == "es"

    # The live server runs in this process with the locmem backend: read the outbox.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lucia@example.org"]
    assert "confirme su dirección de correo electrónico" in message.subject
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    assert "/es/accounts/confirm-email/" in link

    page.goto(link)
    expect(page.get_by_role("button", name="Confirmar")).to_be_visible()
    screenshot(page, "5-confirm")
    page.get_by_role("button", name="Confirmar").click()
    expect(page).to_have_url(f"{live_server.url}/es/accounts/login/")
    screenshot(page, "6-login")

    page.get_by_label("Correo electrónico").fill("lucia@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page).to_have_url(f"{live_server.url}/es/")
    expect(page.get_by_text("lucia", exact=True)).to_be_visible()
    screenshot(page, "7-logged-in")

    # Log out from the account menu.
    page.get_by_text("lucia", exact=True).click()
    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page).to_have_url(f"{live_server.url}/es/")
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    screenshot(page, "8-logged-out")
