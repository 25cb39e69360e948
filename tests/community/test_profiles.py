from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from community.models import MemberProfile

from .conftest import image_upload

User = get_user_model()
pytestmark = pytest.mark.django_db


# Creation ---------------------------------------------------------------------------------


def test_signup_creates_a_profile(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nueva@example.org",
            "username": "nueva",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nueva")
    assert MemberProfile.objects.get(user=user).display_name == "nueva"


def test_staff_created_user_gets_a_profile():
    user = User.objects.create_user(
        username="staffmade", email="s@example.org", first_name="Lucía", last_name="Pérez"
    )
    assert user.profile.display_name == "Lucía Pérez"
    assert user.profile.visibility == MemberProfile.Visibility.MEMBERS


# Visibility -------------------------------------------------------------------------------


@pytest.fixture
def public_profile(make_profile):
    return make_profile(
        "publica",
        display_name="Valentina Pública",
        visibility="public",
        organization="Cámara de Comercio de Cali",
        city="Santiago de Cali",
        links=["https://example.org/valentina"],
        languages="es pt",
        bio="Trabajo en <b>logística</b> & comercio.",
        expertise=["logistics"],
        country="CO",
    )


@pytest.fixture
def private_profile(make_profile):
    return make_profile(
        "privada",
        display_name="Mariana Privada",
        visibility="members",
        city="Quito",
        expertise=["logistics"],
    )


PRIVATE_BITS = ["Santiago de Cali", "https://example.org/valentina", "Portuguese"]


def test_anonymous_sees_public_profile_without_members_only_fields(
    client, public_profile, private_profile
):
    response = client.get(reverse("community:profile", args=["publica"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valentina Pública" in html
    assert "Cámara de Comercio de Cali" in html
    for bit in PRIVATE_BITS:
        assert bit not in html
    # The bio is plain text, escaped.
    assert "&lt;b&gt;logística&lt;/b&gt; &amp; comercio." in html
    assert "<b>logística</b>" not in html


def test_anonymous_cannot_see_members_only_profile(client, private_profile):
    response = client.get(reverse("community:profile", args=["privada"]))
    assert response.status_code == 404
    assert "Quito" not in response.content.decode()


def test_member_sees_everything(client, member, public_profile, private_profile):
    client.force_login(member)
    html = client.get(reverse("community:profile", args=["publica"])).content.decode()
    for bit in PRIVATE_BITS:
        assert bit in html
    assert reverse("community:contact_member", args=["publica"]) in html
    html = client.get(reverse("community:profile", args=["privada"])).content.decode()
    assert "Mariana Privada" in html and "Quito" in html


def test_owner_sees_edit_link_not_contact(client, public_profile):
    client.force_login(public_profile.user)
    html = client.get(reverse("community:profile", args=["publica"])).content.decode()
    assert reverse("community:profile_edit") in html
    assert reverse("community:contact_member", args=["publica"]) not in html


def test_deactivated_profile_only_for_staff(client, member, admin_user, private_profile):
    User.objects.filter(pk=private_profile.user_id).update(is_active=False)
    client.force_login(member)
    assert client.get(reverse("community:profile", args=["privada"])).status_code == 404
    client.force_login(admin_user)
    assert client.get(reverse("community:profile", args=["privada"])).status_code == 200


def test_unknown_username_is_404(client):
    assert client.get(reverse("community:profile", args=["nadie"])).status_code == 404


def test_directory_anonymous_sees_public_profiles_only(client, public_profile, private_profile):
    html = client.get(reverse("community:directory")).content.decode()
    assert "Valentina Pública" in html
    assert "Mariana Privada" not in html
    assert "Santiago de Cali" not in html


def test_directory_member_sees_all(client, member, public_profile, private_profile):
    client.force_login(member)
    html = client.get(reverse("community:directory")).content.decode()
    assert "Valentina Pública" in html and "Mariana Privada" in html


def test_directory_filters(client, member, make_profile):
    make_profile(
        "ana",
        display_name="Ana Agro",
        expertise=["agro-industry"],
        country="PE",
        organization_type="chamber",
        languages="es",
    )
    make_profile(
        "bea",
        display_name="Bea Soft",
        offering=["software"],
        country="BR",
        organization_type="university",
        languages="pt en",
        organization="USP",
    )
    client.force_login(member)
    url = reverse("community:directory")

    def shown(**params):
        html = client.get(url, params).content.decode()
        return {name for name in ("Ana Agro", "Bea Soft") if name in html}

    assert shown(tag="agro-industry") == {"Ana Agro"}
    assert shown(tag="software") == {"Bea Soft"}  # offering tags count too
    assert shown(country="BR") == {"Bea Soft"}
    assert shown(organization_type="chamber") == {"Ana Agro"}
    # The parameter's old spelling, in links made before it was renamed, still filters.
    assert shown(organisation_type="chamber") == {"Ana Agro"}
    assert shown(language="en") == {"Bea Soft"}
    assert shown(q="usp") == {"Bea Soft"}
    assert shown(q="agro-industry") == {"Ana Agro"}
    assert shown(tag="unknown-tag") == set()
    # Bad filter values are ignored, never an error.
    assert (
        client.get(url, {"organization_type": "<x>", "language": "zz", "page": "abc"}).status_code
        == 200
    )
    # The card shows the tag that matched.
    html = client.get(url, {"tag": "software"}).content.decode()
    assert "Matched:" in html


# Editing ----------------------------------------------------------------------------------


def edit_data(**overrides):
    data = {
        "display_name": "Ana María Quispe",
        "organization": "Cámara de Comercio de Lima",
        "organization_type": "chamber",
        "role": "Gerente de proyectos",
        "country": "PE",
        "city": "Lima",
        "bio": "Apoyo a clústeres de café y cacao.",
        "visibility": "public",
        "allow_contact": "on",
        "digest_enabled": "on",
        "expertise": "coffee, cocoa",
        "seeking": "export promotion",
        "offering": "logistics",
        "languages": ["es", "en"],
        "links": "https://example.org/ana\nhttps://example.org/cluster",
    }
    data.update(overrides)
    return data


def test_member_edits_profile(client, member):
    client.force_login(member)
    response = client.post(
        reverse("community:profile_edit"), {**edit_data(), "photo_upload": image_upload()}
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.display_name == "Ana María Quispe"
    assert str(profile.country) == "PE"
    assert sorted(t.name for t in profile.expertise.all()) == ["cocoa", "coffee"]
    assert [t.name for t in profile.seeking.all()] == ["export promotion"]
    assert [t.name for t in profile.offering.all()] == ["logistics"]
    assert profile.language_codes == ["es", "en"]
    assert profile.links == ["https://example.org/ana", "https://example.org/cluster"]
    assert profile.photo is not None
    assert profile.photo.collection.name == "Member photos"
    html = client.get(reverse("community:profile", args=[member.username])).content.decode()
    assert "Ana María Quispe" in html
    assert "fill-240x240" in html  # a resized rendition, not the original


def test_anonymous_and_unverified_cannot_edit(client, unverified_user):
    url = reverse("community:profile_edit")
    assert client.get(url).status_code == 302
    client.force_login(unverified_user)
    response = client.post(url, edit_data())
    assert response.status_code == 302
    assert response.url == reverse("account_email")
    assert MemberProfile.objects.get(user=unverified_user).organization == ""


def _assert_unchanged(member):
    profile = MemberProfile.objects.get(user=member)
    assert profile.organization == ""
    assert profile.photo_id is None
    assert profile.expertise.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bio": "Hola <script>alert(1)</script>"}, "HTML tags and scripts are not allowed"),
        ({"display_name": "<img src=x onerror=alert(1)>"}, "HTML tags and scripts"),
        ({"display_name": "   "}, "This field is required"),
        ({"links": "javascript:alert(1)"}, "is not a web address"),
        ({"links": "\n".join(f"https://e.org/{i}" for i in range(6))}, "at most 5 links"),
        ({"country": "XX"}, "Select a valid choice"),
        ({"expertise": ", ".join(f"tag{i}" for i in range(20))}, "at most 15 tags"),
    ],
)
def test_bad_profile_input_changes_nothing(client, member, overrides, message):
    client.force_login(member)
    response = client.post(reverse("community:profile_edit"), edit_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "nothing was saved" in response.content.decode()
    _assert_unchanged(member)


def test_non_image_photo_is_refused(client, member):
    client.force_login(member)
    fake = SimpleUploadedFile("photo.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post(reverse("community:profile_edit"), {**edit_data(), "photo_upload": fake})
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    _assert_unchanged(member)


def test_oversized_photo_is_refused(client, member, settings):
    import io
    import os

    from PIL import Image

    buffer = io.BytesIO()
    # Random pixels do not compress: about 6.9 MB as PNG.
    Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3)).save(buffer, "PNG")
    assert buffer.tell() > 5 * 1024 * 1024
    upload = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    client.force_login(member)
    response = client.post(
        reverse("community:profile_edit"), {**edit_data(), "photo_upload": upload}
    )
    assert response.status_code == 200
    assert "The photo is too large" in response.content.decode()
    _assert_unchanged(member)


def test_too_many_pixels_is_refused(client, member, monkeypatch):
    from community import forms

    monkeypatch.setattr(forms, "PHOTO_MAX_PIXELS", 100 * 100)
    client.force_login(member)
    response = client.post(
        reverse("community:profile_edit"),
        {**edit_data(), "photo_upload": image_upload(size=(120, 100))},
    )
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    _assert_unchanged(member)


def test_replacing_the_photo_deletes_the_old_one(client, member):
    from wagtail.images import get_image_model

    client.force_login(member)
    url = reverse("community:profile_edit")
    client.post(url, {**edit_data(), "photo_upload": image_upload()})
    first = MemberProfile.objects.get(user=member).photo_id
    client.post(url, {**edit_data(), "photo_upload": image_upload(fmt="JPEG", name="b.jpg")})
    second = MemberProfile.objects.get(user=member).photo_id
    assert first != second
    assert not get_image_model().objects.filter(pk=first).exists()
    client.post(url, {**edit_data(), "remove_photo": "on"})
    assert MemberProfile.objects.get(user=member).photo_id is None
    assert not get_image_model().objects.filter(pk=second).exists()


# Tag pages --------------------------------------------------------------------------------


def test_tag_page_lists_members_by_visibility(client, member, public_profile, private_profile):
    from portal.tagging import tagged_type

    assert tagged_type("members").order == 60
    url = reverse("portal:tag", args=["logistics"])
    html = client.get(url).content.decode()
    assert "Valentina Pública" in html and "Mariana Privada" not in html
    client.force_login(member)
    html = client.get(url).content.decode()
    assert "Valentina Pública" in html and "Mariana Privada" in html


# --- eng5: the profile found by its exact username, any case still answers ---


def test_a_profile_answers_at_its_username_in_any_case(client, make_profile):
    make_profile("MixedCase", display_name="Mixed Case Person", visibility="public")
    make_profile("lowercase", display_name="Lower Case Person", visibility="public")
    for username, name in (
        ("MixedCase", "Mixed Case Person"),
        ("mixedcase", "Mixed Case Person"),
        ("LOWERCASE", "Lower Case Person"),
    ):
        response = client.get(reverse("community:profile", args=[username]))
        assert response.status_code == 200
        assert name in response.content.decode()


def test_the_directory_cards_follow_a_renamed_member(client, make_profile):
    profile = make_profile("renamed", display_name="Before Rename", visibility="public")
    assert "Before Rename" in client.get(reverse("community:directory")).content.decode()
    profile.display_name = "After Rename"
    profile.save()
    html = client.get(reverse("community:directory")).content.decode()
    assert "After Rename" in html and "Before Rename" not in html
