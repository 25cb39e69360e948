"""Tags: one shared validator at every entrance (public forms, CSV import, Wagtail admin), pages
that never fail on a tag without a slug, and tags that stay private until their content is
live (cloud, autocomplete, tag page, feed)."""

import io
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

import pytest

from community.models import MemberProfile
from knowledge.models import PracticePage
from portal.models import Tag
from registry.importers import COLUMNS
from registry.models import InitiativePage
from registry.services import index_pages_ensure
from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db

BAD = "')>'"
NO_LETTERS = "needs at least one letter or digit"


@pytest.fixture
def registry_index(home_page):
    return index_pages_ensure()


@pytest.fixture
def practice_index(home_page):
    return PracticeIndexPageFactory(parent=home_page)


def empty_slug_tag(name=BAD):
    """A row as the original code saved it: a name that slugifies to nothing."""
    tag = Tag.objects.create(name=name, slug="placeholder")
    Tag.objects.filter(pk=tag.pk).update(slug="")
    tag.refresh_from_db()
    return tag


# The validator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["  coffee   roasting "], ["coffee roasting"]),
        (["Coffee", "coffee", "tea"], ["Coffee", "tea"]),
        (["café"], ["café"]),
        (["", "  "], []),
    ],
)
def test_clean_tag_names_normalises(names, expected):
    from portal.tag_validation import clean_tag_names

    assert clean_tag_names(names) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (BAD, NO_LETTERS),
        ("!!!", NO_LETTERS),
        ("x" * 61, "60 characters at most"),
        ("cof\x00fee", "control or invisible"),
        ("cof\u202efee", "control or invisible"),
    ],
)
def test_clean_tag_names_rejects(name, message):
    from portal.tag_validation import clean_tag_names

    with pytest.raises(ValidationError) as error:
        clean_tag_names(["fine", name])
    assert message in " ".join(error.value.messages)


def test_a_tag_saved_without_validation_still_gets_a_slug():
    assert Tag.objects.create(name="!!").slug
    assert Tag.objects.create(name="??").slug  # a second one: unique, not empty


# Public forms: an error, nothing saved -------------------------------------------------------


def registry_form(**overrides):
    from tests.registry.conftest import form_data

    return form_data(**overrides)


@pytest.mark.parametrize("field", ["tags", "seeking_tags", "offering_tags"])
def test_initiative_form_refuses_bad_tag(client, member, registry_index, field):
    client.force_login(member)
    response = client.post(reverse("registry:register"), registry_form(**{field: f"coffee, {BAD}"}))
    assert response.status_code == 200
    assert NO_LETTERS in response.content.decode()
    assert not InitiativePage.objects.filter(title="Cali Coffee Cluster").exists()
    assert not Tag.objects.filter(name=BAD).exists()


def test_initiative_form_error_is_translated(client, member, registry_index):
    client.force_login(member)
    response = client.post("/es/initiatives/register/", registry_form(tags=BAD))
    assert response.status_code == 200
    assert "necesita al menos una letra o un dígito" in response.content.decode()


def test_practice_form_refuses_bad_tag(client, make_user, practice_index):
    from tests.knowledge.conftest import VALID_PRACTICE

    client.force_login(make_user(username="cm", groups=["Members", "Cluster managers"]))
    response = client.post(
        reverse("knowledge:practice_new"), {**VALID_PRACTICE, "tags": f"coffee, {BAD}"}
    )
    assert response.status_code == 400  # this form answers invalid input with a 400
    assert NO_LETTERS in response.content.decode()
    assert not PracticePage.objects.exists()
    assert not Tag.objects.filter(name=BAD).exists()


@pytest.mark.parametrize("field", ["expertise", "seeking", "offering"])
def test_profile_form_refuses_bad_tag(client, member, field):
    from tests.community.test_profiles import edit_data

    client.force_login(member)
    response = client.post(reverse("community:profile_edit"), edit_data(**{field: BAD}))
    assert response.status_code == 200
    assert NO_LETTERS in response.content.decode()
    profile = MemberProfile.objects.get(user=member)
    assert profile.organization == ""
    assert not Tag.objects.filter(name=BAD).exists()


# CSV import ---------------------------------------------------------------------------------


def test_importer_reports_bad_tag_with_line(tmp_path, registry_index):
    def row(external_id, tags):
        values = dict.fromkeys(COLUMNS, "")
        values.update(
            external_id=external_id,
            name=f"Imported {external_id}",
            kind="cluster",
            status="active",
            country="CO",
            tags=tags,
        )
        return ",".join(f'"{values[column]}"' for column in COLUMNS)

    path = tmp_path / "initiatives.csv"
    path.write_text("\n".join([",".join(COLUMNS), row("good", "coffee"), row("bad", f"tea;{BAD}")]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_initiatives", str(path), "--no-progress", stdout=out, stderr=err)
    assert "line 3, column tags:" in err.getvalue()
    assert NO_LETTERS in err.getvalue()
    assert InitiativePage.objects.filter(external_id="good").exists()
    assert not InitiativePage.objects.filter(external_id="bad").exists()
    assert not Tag.objects.filter(name=BAD).exists()


# Wagtail admin ------------------------------------------------------------------------------


def test_admin_tag_form_refuses_bad_name(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("knowledge_tags:add"), {"name": BAD, "slug": "sneaky"})
    assert response.status_code == 200
    assert NO_LETTERS in response.content.decode()
    assert not Tag.objects.filter(slug="sneaky").exists()


def test_admin_tag_clean_collapses_whitespace():
    tag = Tag(name="  coffee \t roasting ", slug="coffee-roasting")
    tag.full_clean()
    assert tag.name == "coffee roasting"


@pytest.mark.parametrize("model", [InitiativePage, PracticePage])
def test_admin_page_form_tag_field_refuses_bad_tag(model):
    form_class = model.get_edit_handler().get_form_class()
    field = form_class.base_fields["tags"]
    assert sorted(field.clean("coffee,  good   quality  ")) == ["coffee", "good quality"]
    with pytest.raises(ValidationError) as error:
        field.clean(f"coffee, {BAD}")
    assert NO_LETTERS in " ".join(error.value.messages)


# Pages never fail on a tag without a slug ----------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/es", "/pt"])
def test_tag_index_survives_empty_slug(client, practice_index, prefix):
    practice = PracticePageFactory(parent=practice_index, tags=["coffee"])
    practice.tags.add(empty_slug_tag())
    practice.save()
    response = client.get(f"{prefix}/tags/")
    assert response.status_code == 200
    assert "/tags/coffee/" in response.content.decode()
    assert client.get(practice.url).status_code == 200


def test_repair_migration_gives_empty_slugs_a_slug(practice_index):
    migration = import_module("portal.migrations.0004_tag_empty_slugs")
    used = empty_slug_tag()
    practice = PracticePageFactory(parent=practice_index)
    practice.tags.add(used)
    practice.save()
    migration.repair_empty_slugs(apps, None)
    used.refresh_from_db()
    assert used.slug == f"tag-{used.pk}"
    assert practice.tags.get() == used  # nothing lost


# Pending tags stay private; the moderator's preview works ------------------------------------


def test_tag_of_pending_submission_is_private_until_published(client, member, registry_index):
    client.force_login(member)
    response = client.post(
        reverse("registry:register"), registry_form(tags="zanzibar spices, coffee", seeking_tags="")
    )
    assert response.status_code == 302
    tag = Tag.objects.get(name="zanzibar spices")
    client.logout()

    def visible():
        cloud = client.get("/tags/").content.decode()
        suggestions = client.get(reverse("portal:tag_autocomplete"), {"q": "zanzib"}).json()
        page = client.get(f"/tags/{tag.slug}/").status_code
        feed = client.get(f"/tags/{tag.slug}/feed/").status_code
        return ("zanzibar spices" in cloud, suggestions["results"], page, feed)

    assert visible() == (False, [], 404, 404)
    page = InitiativePage.objects.get(title="Cali Coffee Cluster")
    page.get_latest_revision().publish()
    assert visible() == (True, [{"slug": tag.slug, "label": "zanzibar spices"}], 200, 200)


def test_tag_of_members_only_profile_is_private_to_visitors(client, member, other_member):
    profile = MemberProfile.objects.get(user=other_member)
    profile.visibility = MemberProfile.Visibility.MEMBERS
    profile.save()
    profile.expertise.add("hidden craft")
    profile.save()
    assert client.get("/tags/hidden-craft/").status_code == 404
    client.force_login(member)
    assert client.get("/tags/hidden-craft/").status_code == 200


def test_moderator_previews_draft_with_empty_slug_tag(client, moderator, registry_index):
    draft = InitiativePageFactory(parent=registry_index, live=False, tags=["coffee"])
    draft.tags.add(empty_slug_tag())
    draft.save_revision()
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    assert response.status_code == 200
    assert BAD in response.content.decode() or "&#x27;)&gt;&#x27;" in response.content.decode()
