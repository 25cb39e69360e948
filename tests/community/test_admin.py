"""Staff see member profiles, contact requests and abuse reports in the Wagtail admin."""

import pytest

pytestmark = pytest.mark.django_db


def test_moderators_have_the_permissions():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Moderators")
        .permissions.filter(content_type__app_label="community")
        .values_list("codename", flat=True)
    )
    assert {"view_memberprofile", "change_memberprofile", "view_abusereport",
            "change_abusereport", "view_contactrequest"} <= codenames  # fmt: skip


def test_profiles_listing_search_and_filters(client, moderator, make_profile):
    make_profile("ana", display_name="Ana Agro", organization="Cámara de Lima", country="PE")
    make_profile("bea", display_name="Bea Soft", organization="USP", country="BR",
                 allow_contact=False)  # fmt: skip
    client.force_login(moderator)
    html = client.get("/admin/member_profiles/").content.decode()
    assert "Ana Agro" in html and "Bea Soft" in html
    html = client.get("/admin/member_profiles/", {"q": "lima"}).content.decode()
    assert "Ana Agro" in html and "Bea Soft" not in html
    html = client.get("/admin/member_profiles/", {"country": "BR"}).content.decode()
    assert "Bea Soft" in html and "Ana Agro" not in html
    html = client.get("/admin/member_profiles/", {"allow_contact": "false"}).content.decode()
    assert "Bea Soft" in html and "Ana Agro" not in html


def test_members_cannot_use_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/member_profiles/")
    assert response.status_code in (302, 403)
