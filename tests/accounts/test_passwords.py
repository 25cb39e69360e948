"""Password reset and change through allauth; their emails speak the member's language."""

import re

from django.core import mail

import pytest

from tests.accounts.helpers import assert_shows, is_logged_in, translated

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-2026"


def reset_link(message):
    match = re.search(r"https?://[^/\s]+(/\S*/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_in_the_member_language(client, member, password):
    member.preferred_language = "pt"
    member.save()
    # Asked from the Spanish site, the email still speaks the member's Portuguese.
    response = client.post("/es/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "[Articula] " + translated("pt", "Password Reset Email")

    form = client.get(reset_link(message), follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else reset_link(message)
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    # A security notification follows, in Portuguese too.
    assert mail.outbox[-1].subject == "[Articula] " + translated("pt", "Password Reset")

    client.post("/accounts/login/", {"login": member.email, "password": NEW_PASSWORD})
    assert is_logged_in(client)


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    # The page says the same as for a real account; the address's owner is told that no
    # account uses it, and nothing else happens.
    assert response["Location"] == "/accounts/password/reset/done/"
    assert [m.to for m in mail.outbox] == [["nobody@example.org"]]
    assert translated("en", "Unknown Account") in mail.outbox[0].subject


def test_a_used_reset_link_is_refused(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    set_url = form.redirect_chain[-1][0]
    client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert_shows(again, translated("en", "Bad Token"))


def test_password_change_sends_a_notification(client, member, password):
    member.preferred_language = "es"
    member.save()
    client.force_login(member)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert mail.outbox[-1].subject == "[Articula] " + translated("es", "Password Changed")


def test_password_change_validates_the_new_password(client, member, password):
    client.force_login(member)
    response = client.post(
        "/pt/accounts/password/change/",
        {"oldpassword": password, "password1": "qwertyuiop", "password2": "qwertyuiop"},
    )
    assert response.status_code == 200
    assert_shows(response, translated("pt", "This password is too common."))
    member.refresh_from_db()
    assert member.check_password(password)
