"""Every allauth page renders inside the site's layout (templates/allauth/layouts and
elements): header, main landmark, language, the entrance panel or the account side menu,
and forms whose errors are tied to their fields."""

import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

ENTRANCE_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]

MANAGE_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
]


def html(response):
    return unescape(response.content.decode())


def assert_in_site_layout(response, language="en"):
    assert response.status_code == 200, response
    content = html(response)
    assert f'<html lang="{language}">' in content
    assert '<header class="site-header">' in content
    assert '<main id="main"' in content
    assert '<footer class="site-footer">' in content
    assert content.count("<h1") == 1
    return content


def log_in(client, user, password, *, reauthenticate=False):
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, html(response)
    if reauthenticate:
        # Two-factor settings ask for the password again (allauth's reauthentication).
        response = client.post("/accounts/reauthenticate/", {"password": password})
        assert response.status_code == 302, html(response)
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ENTRANCE_PAGES)
@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/es", "es")])
def test_entrance_pages_use_the_site_layout(client, path, prefix, language):
    content = assert_in_site_layout(client.get(prefix + path), language)
    assert '<div class="entrance">' in content


@pytest.mark.django_db
@pytest.mark.parametrize("path", MANAGE_PAGES)
def test_account_pages_use_the_site_layout_with_a_side_menu(client, member, password, path):
    log_in(client, member, password, reauthenticate=True)
    content = assert_in_site_layout(client.get(path))
    assert '<div class="account-layout">' in content
    assert re.search(r'<nav class="side-menu" aria-labelledby="account-menu-title">', content)
    for link in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"):
        assert f'href="{link}"' in content


@pytest.mark.django_db
def test_side_menu_marks_the_current_page(client, member, password):
    log_in(client, member, password, reauthenticate=True)
    content = html(client.get("/accounts/2fa/totp/activate/"))
    assert '<a href="/accounts/2fa/" aria-current="page">' in content
    assert '<a href="/accounts/email/" aria-current="page">' not in content
    # The QR code and the secret are shown, labelled.
    assert 'class="qr-code"' in content
    assert '<label for="authenticator_secret">' in content


@pytest.mark.django_db
def test_logout_is_a_post_form(client, member, password):
    log_in(client, member, password)
    content = html(client.get("/accounts/logout/"))
    assert re.search(r'<form class="form" method="post" action="/accounts/logout/">', content)
    assert re.search(r'<button type="submit" class="button">\s*Sign Out\s*</button>', content)


@pytest.mark.django_db
def test_email_management_lists_addresses_with_badges(client, member, password):
    log_in(client, member, password)
    content = html(client.get("/accounts/email/"))
    assert 'type="radio" name="email"' in content
    assert '<span class="badge badge--success">' in content  # verified
    assert 'class="button button--danger"' in content  # remove


@pytest.mark.django_db
def test_recovery_codes_and_mfa_challenge(client, member, password):
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    log_in(client, member, password)
    # Past the password, the second factor is asked for in the entrance layout.
    content = assert_in_site_layout(client.get("/accounts/2fa/authenticate/"))
    assert '<div class="entrance">' in content
    assert 'name="code"' in content


@pytest.mark.django_db
def test_recovery_codes_page(client, member, password):
    log_in(client, member, password, reauthenticate=True)
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    content = assert_in_site_layout(client.get("/accounts/2fa/recovery-codes/"))
    assert 'class="recovery-codes"' in content


@pytest.mark.django_db
def test_reauthenticate_page(client, member):
    client.force_login(member)
    content = assert_in_site_layout(client.get("/accounts/reauthenticate/"))
    assert 'type="password"' in content


@pytest.mark.django_db
def test_email_confirmation_and_bad_keys(client, make_user):
    user = make_user(username="newcomer", verified=False)
    address = EmailAddress.objects.get(user=user)
    key = EmailConfirmationHMAC(address).key
    content = assert_in_site_layout(client.get(f"/accounts/confirm-email/{key}/"))
    assert 'method="post"' in content
    assert "newcomer@example.org" in content
    assert_in_site_layout(client.get("/accounts/confirm-email/not-a-key/"))
    assert_in_site_layout(client.get("/accounts/password/reset/key/1-bad-token/"))


@pytest.mark.django_db
def test_login_errors_are_shown_in_an_alert(client, member):
    response = client.post("/es/accounts/login/", {"login": member.email, "password": "wrong"})
    content = assert_in_site_layout(response, "es")
    assert re.search(r'<div class="form-errors" role="alert">', content)


@pytest.mark.django_db
def test_signup_field_errors_are_linked_to_their_inputs(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "not-an-email", "username": "ana", "password1": "short", "password2": "short"},
    )
    content = assert_in_site_layout(response)
    assert re.search(
        r'<div class="field field--\w+ field--error">\s*<label for="id_email">', content
    )
    email_input = re.search(r'<input type="email" name="email"[^>]*>', content).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_error"' in email_input
    assert '<div class="field__errors" id="id_email_error">' in content
    # Labels are always visible, with the required marker.
    assert re.search(r'<label for="id_email">Email<span class="field__required"', content)
