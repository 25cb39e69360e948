"""Signup -> confirmation email -> confirm -> login -> logout, in English, Spanish and
Portuguese, and the ways it can go wrong."""

from unittest import mock

from django.core import mail, signing
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from tests.accounts.helpers import (
    LANGUAGES,
    assert_shows,
    confirmation_url,
    is_logged_in,
    signup_data,
    translated,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_signup_confirm_login_logout(client, signup, login, prefix, language):
    page = client.get(f"{prefix}/accounts/signup/")
    assert page.status_code == 200
    assert_shows(page, translated(language, "Sign Up"))

    response = signup(prefix)
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/confirm-email/"
    assert not is_logged_in(client)  # verification is mandatory

    user = User.objects.get(username="ana")
    assert user.email == "ana@example.org"
    assert user.preferred_language == language
    assert not EmailAddress.objects.get(user=user).verified

    # The confirmation email speaks the visitor's language and links into it.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == "[Articula] " + translated(
        language, "Please Confirm Your Email Address"
    )
    # Greeted by name (no profile yet: the username).
    assert message.body.startswith(translated(language, "Hello %(name)s,", name="ana"))
    url = confirmation_url(message)
    assert url.startswith(f"{prefix}/accounts/confirm-email/")

    # Not verified yet: login is refused and sends the person back to the confirmation step.
    refused = login("ana@example.org", "a-Long-enough-pass-42", prefix)
    assert refused.status_code == 302
    assert refused["Location"] == f"{prefix}/accounts/confirm-email/"
    assert not is_logged_in(client)

    # Opening the link shows a confirmation button (no state change on GET)...
    page = client.get(url)
    assert page.status_code == 200
    assert_shows(page, translated(language, "Confirm Email Address"))
    assert not EmailAddress.objects.get(user=user).verified
    # ...and posting it confirms the address and leads to the login page.
    confirmed = client.post(url)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{prefix}/accounts/login/"
    assert EmailAddress.objects.get(user=user).verified

    logged_in = login("ana@example.org", "a-Long-enough-pass-42", prefix)
    assert logged_in.status_code == 302
    assert logged_in["Location"] == f"{prefix}/"
    assert is_logged_in(client)
    assert client.get(f"{prefix}/").status_code == 200

    logged_out = client.post(f"{prefix}/accounts/logout/")
    assert logged_out.status_code == 302
    assert logged_out["Location"] == f"{prefix}/"
    assert not is_logged_in(client)


def test_login_is_by_email_not_username(client, signup, login, member, password):
    assert login(member.username, password).status_code == 200
    assert not is_logged_in(client)
    assert login(member.email.upper(), password).status_code == 302
    assert is_logged_in(client)


def test_signup_accepts_a_long_passphrase(signup):
    passphrase = "correct horse battery staple " * 4  # 116 characters
    response = signup(password=passphrase)
    assert response.status_code == 302
    user = User.objects.get(username="ana")
    assert user.check_password(passphrase)


def _nothing_created():
    return not User.objects.exists() and not EmailAddress.objects.exists() and not mail.outbox


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_malformed_email_is_refused(signup, prefix, language):
    response = signup(prefix, email="not-an-email")
    assert response.status_code == 200
    assert_shows(response, translated(language, "Enter a valid email address."))
    assert _nothing_created()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_short_password_is_refused(signup, prefix, language):
    response = signup(prefix, password="Short-1x")
    assert response.status_code == 200
    with translation.override(language):
        expected = (
            translation.ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                10,
            )
            % 10
        )
    if language != "en":
        assert expected.startswith(("La contraseña", "A senha", "Esta senha"))
    assert_shows(response, expected)
    assert _nothing_created()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_common_password_is_refused(signup, prefix, language):
    response = signup(prefix, password="password1234")
    assert response.status_code == 200
    assert_shows(response, translated(language, "This password is too common."))
    assert _nothing_created()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_mismatched_passwords_are_refused(client, prefix, language):
    data = signup_data()
    data["password2"] = data["password1"] + "x"
    response = client.post(f"{prefix}/accounts/signup/", data)
    assert response.status_code == 200
    assert_shows(response, translated(language, "You must type the same password each time."))
    assert _nothing_created()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_duplicate_username_is_refused(signup, member, prefix, language):
    response = signup(prefix, username=member.username.upper(), email="new@example.org")
    assert response.status_code == 200
    assert_shows(response, translated(language, "A user with that username already exists."))
    assert User.objects.count() == 1
    assert not mail.outbox


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_duplicate_email_creates_nothing_and_warns_the_owner(signup, member, prefix, language):
    """allauth prevents account enumeration: the form does not reveal that the address is
    registered; instead the address's owner gets a translated "account already exists" email,
    and no second account is created."""
    response = signup(prefix, username="someone-else", email=member.email.upper())
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/confirm-email/"
    assert User.objects.count() == 1
    assert EmailAddress.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email.upper()] or mail.outbox[0].to == [member.email]
    assert translated(language, "Account Already Exists") in mail.outbox[0].subject


def test_reserved_username_is_refused(signup):
    response = signup(username="Admin")
    assert response.status_code == 200
    assert_shows(response, translated("en", "Username can not be used. Please use other username."))
    assert _nothing_created()


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_wrong_confirmation_key_changes_nothing(client, unverified_user, prefix, language):
    url = f"{prefix}/accounts/confirm-email/not-a-real-key/"
    with translation.override(language):
        expected = translation.gettext(
            "This email confirmation link expired or is invalid. Please "
            '<a href="%(email_url)s">issue a new email confirmation request</a>.'
        ) % {"email_url": reverse("account_email")}
    page = client.get(url)
    assert page.status_code == 200
    assert_shows(page, expected)
    posted = client.post(url)
    assert posted.status_code == 400
    assert_shows(posted, expected)
    assert not EmailAddress.objects.get(user=unverified_user).verified


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_expired_confirmation_link_changes_nothing(client, signup, prefix, language, settings):
    # Sign up four days ago: the link is valid for ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS (3).
    four_days_ago = signing.time.time() - 4 * 86400
    with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
        signup(prefix)
    url = confirmation_url(mail.outbox[0])
    with translation.override(language):
        expected = translation.gettext(
            "This email confirmation link expired or is invalid. Please "
            '<a href="%(email_url)s">issue a new email confirmation request</a>.'
        ) % {"email_url": reverse("account_email")}
    assert settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS == 3
    page = client.get(url)
    assert_shows(page, expected)
    posted = client.post(url)
    assert posted.status_code == 400
    assert_shows(posted, expected)
    assert not EmailAddress.objects.get(email="ana@example.org").verified


def test_confirmation_email_follows_the_request_language(client, signup):
    """A Spanish speaker who signed up in Spanish and later adds an address from the
    Portuguese site gets that confirmation in Portuguese (the language they are reading)."""
    signup("/es")
    user = User.objects.get(username="ana")
    EmailAddress.objects.filter(user=user).update(verified=True)
    client.force_login(user)
    mail.outbox.clear()
    response = client.post("/pt/accounts/email/", {"action_add": "", "email": "ana2@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].subject == "[Articula] " + translated(
        "pt", "Please Confirm Your Email Address"
    )
