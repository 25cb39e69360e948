"""Two-factor authentication (TOTP + recovery codes) for every member, enforced for the admin."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

from tests.accounts.helpers import (
    activate_totp,
    assert_shows,
    current_code,
    is_logged_in,
    translated,
)

pytestmark = pytest.mark.django_db


def test_every_member_can_set_up_totp_and_recovery_codes(client, member, password):
    client.post("/accounts/login/", {"login": member.email, "password": password})
    assert client.get("/accounts/2fa/").status_code == 200

    # Changing security settings asks for the password again first.
    page = client.get("/accounts/2fa/totp/activate/")
    assert page["Location"].startswith("/accounts/reauthenticate/")
    client.post(page["Location"], {"password": password})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200


def test_a_wrong_code_does_not_activate_totp(client, member, password):
    client.post("/es/accounts/login/", {"login": member.email, "password": password})
    client.post("/es/accounts/reauthenticate/", {"password": password})
    assert client.get("/es/accounts/2fa/totp/activate/").status_code == 200
    response = client.post("/es/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert_shows(response, translated("es", "Incorrect code."))
    assert not Authenticator.objects.filter(user=member).exists()


def test_login_asks_for_the_code_once_totp_is_on(client, member, password):
    secret = activate_totp(member)
    response = client.post("/pt/accounts/login/", {"login": member.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/pt/accounts/2fa/authenticate/"
    assert not is_logged_in(client)

    wrong = client.post("/pt/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert_shows(wrong, translated("pt", "Incorrect code."))
    assert not is_logged_in(client)

    right = client.post("/pt/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert right.status_code == 302
    assert right["Location"] == "/pt/"
    assert is_logged_in(client)


def test_admin_requires_the_totp_step(client, moderator, password):
    secret = activate_totp(moderator)
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    response = client.post(login_url, {"login": moderator.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Password alone does not open the admin.
    assert not is_logged_in(client)
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    # Posting straight to Wagtail's login path does not either.
    client.post("/admin/login/", {"username": moderator.username, "password": password})
    assert not is_logged_in(client)

    # The pending login survives the detour; the code completes it and follows `next`.
    client.post(login_url, {"login": moderator.email, "password": password})
    done = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert done.status_code == 302
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_also_completes_the_login(client, admin_user, password):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    activate_totp(admin_user)
    codes = RecoveryCodes.activate(admin_user).get_unused_codes()
    client.post("/accounts/login/?next=/admin/", {"login": admin_user.email, "password": password})
    done = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_rate_limited_too(client, member, password):
    """Guessing codes is limited like guessing passwords: after 5 wrong codes even the right
    one is refused for a while."""
    secret = activate_totp(member)
    client.post("/es/accounts/login/", {"login": member.email, "password": password})
    for _ in range(5):
        client.post("/es/accounts/2fa/authenticate/", {"code": "000000"})
    response = client.post("/es/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 200
    assert_shows(
        response,
        translated(
            "es",
            "Too many failed login attempts for this account. For your security, signing in is "
            "paused for a few minutes: wait five minutes and try again, or reset your password.",
        ),
    )
    assert not is_logged_in(client)
