"""Login: rate limits on failed attempts, unverified accounts, ``next`` to other sites, and the
Wagtail admin's entry points, which all go through allauth."""

from urllib.parse import quote

from django.core import mail

import pytest

from tests.accounts.helpers import LANGUAGES, assert_shows, is_logged_in, translated

pytestmark = pytest.mark.django_db

RATE_LIMIT_MESSAGE = (
    "Too many failed login attempts for this account. For your security, signing in is "
    "paused for a few minutes: wait five minutes and try again, or reset your password."
)
WRONG_CREDENTIALS = "The email address and/or password you specified are not correct."


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_wrong_password_gets_a_translated_message(client, login, member, prefix, language):
    response = login(member.email, "not-the-password", prefix)
    assert response.status_code == 200
    assert_shows(response, translated(language, WRONG_CREDENTIALS))
    assert not is_logged_in(client)


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_five_failures_lock_the_account_for_a_while(
    client, login, member, password, prefix, language
):
    for _ in range(5):
        response = login(member.email, "not-the-password", prefix)
        assert_shows(response, translated(language, WRONG_CREDENTIALS))
    # The sixth try is refused even with the right password.
    response = login(member.email, password, prefix)
    assert response.status_code == 200
    assert_shows(response, translated(language, RATE_LIMIT_MESSAGE))
    assert not is_logged_in(client)


def test_the_limit_is_per_account(client, login, member, other_member, password):
    for _ in range(5):
        login(member.email, "not-the-password")
    assert login(other_member.email, password).status_code == 302
    assert is_logged_in(client)


def test_a_success_does_not_reset_the_failure_count(client, login, member, password):
    for _ in range(4):
        login(member.email, "not-the-password")
    assert login(member.email, password).status_code == 302
    client.post("/accounts/logout/")
    login(member.email, "not-the-password")
    assert_shows(login(member.email, password), translated("en", RATE_LIMIT_MESSAGE))


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_unverified_account_cannot_log_in(
    client, login, unverified_user, password, prefix, language
):
    response = login(unverified_user.email, password, prefix)
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/confirm-email/"
    assert not is_logged_in(client)
    # A fresh confirmation link is sent, in the visitor's language.
    assert len(mail.outbox) == 1
    assert translated(language, "Please Confirm Your Email Address") in mail.outbox[0].subject


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:evil.example"]
)
def test_next_pointing_to_another_site_is_ignored(client, login, member, password, target):
    response = login(member.email, password, next=quote(target, safe=""))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_logged_in(client)


def test_next_on_this_site_is_followed(client, login, member, password):
    response = login(member.email, password, prefix="/es", next="/es/accounts/email/")
    assert response["Location"] == "/es/accounts/email/"


def test_login_lands_on_the_home_page_in_the_visitor_language(client, login, member, password):
    assert login(member.email, password, prefix="/pt")["Location"] == "/pt/"


# --- The Wagtail admin ------------------------------------------------------------------------


def test_admin_login_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_login_drops_next_to_another_site(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_admin_itself_sends_anonymous_visitors_to_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_posting_to_the_admin_login_never_authenticates(client, admin_user, password):
    for data in (
        {"username": admin_user.username, "password": password},
        {"username": admin_user.email, "password": password},
        {"login": admin_user.email, "password": password},
    ):
        response = client.post("/admin/login/", data)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert not is_logged_in(client)


def test_wagtail_password_reset_and_password_change_are_off(client, admin_user):
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.post("/admin/password_reset/", {"email": admin_user.email}).status_code == 404
    assert not mail.outbox


def test_admin_login_is_rate_limited_like_the_site(client, moderator, password):
    redirect = client.get("/admin/login/?next=/admin/")
    login_url = redirect["Location"]
    for _ in range(5):
        response = client.post(login_url, {"login": moderator.email, "password": "wrong-one"})
        assert response.status_code == 200
    response = client.post(login_url, {"login": moderator.email, "password": password})
    assert response.status_code == 200
    assert_shows(response, translated("en", RATE_LIMIT_MESSAGE))
    assert not is_logged_in(client)
    assert client.get("/admin/").status_code == 302


def test_failures_on_the_site_also_lock_the_admin_path(client, login, moderator, password):
    for _ in range(5):
        login(moderator.email, "wrong-one", prefix="/es")
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    response = client.post(login_url, {"login": moderator.email, "password": password})
    assert_shows(response, translated("en", RATE_LIMIT_MESSAGE))
    assert not is_logged_in(client)


def test_moderator_reaches_the_admin_after_logging_in(client, moderator, password):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    response = client.post(login_url, {"login": moderator.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_members_do_not_reach_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/")


def test_email_is_not_editable_in_the_wagtail_account_page(client, moderator):
    """Addresses are managed (and verified) through allauth, not Wagtail's account page."""
    client.force_login(moderator)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert 'name="name_email-email"' not in page.content.decode()
