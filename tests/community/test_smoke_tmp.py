from django.urls import reverse

import pytest


@pytest.mark.django_db
def test_smoke(client, member, other_member):
    assert member.profile
    client.force_login(member)
    for url in [
        reverse("community:directory"),
        reverse("community:profile", args=[other_member.username]),
        reverse("community:profile_edit"),
        reverse("community:dashboard"),
        reverse("community:inbox"),
        reverse("community:following"),
        reverse("community:privacy"),
        reverse("community:contact_member", args=[other_member.username]),
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
