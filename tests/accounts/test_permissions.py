"""Writing needs a signed-in account with a verified email address."""

from django.contrib.messages import get_messages

import pytest

from accounts.permissions import user_is_verified
from tests.accounts.helpers import LANGUAGES, translated

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def test_verified_member_may_write(client, member):
    client.force_login(member)
    response = client.post("/test-write/")
    assert response.status_code == 200
    assert response.content == b"written"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.post("/es/test-write/")
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/login/?next=/es/test-write/"


def test_write_views_refuse_get(client, member):
    client.force_login(member)
    assert client.get("/test-write/").status_code == 405


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_unverified_account_is_sent_to_confirm_its_address(
    client, unverified_user, prefix, language
):
    client.force_login(unverified_user)
    response = client.post(f"{prefix}/test-write/")
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/email/"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        translated(language, "Please confirm your email address before you continue.")
    ]


def test_user_is_verified(member, unverified_user, admin_user, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert user_is_verified(member)
    assert not user_is_verified(unverified_user)
    assert not user_is_verified(AnonymousUser())
    assert user_is_verified(admin_user)
