"""The shared organization type (portal.vocabularies.OrganizationType): the data migrations map
values stored under the registry's old list, in pages, their revisions and member profiles."""

import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader

import pytest

from community.models import MemberProfile
from portal.vocabularies import LEGACY_ORGANIZATION_TYPES, OrganizationType
from registry.models import InitiativePage

pytestmark = pytest.mark.django_db


def migration_apps(app_label, name):
    return MigrationLoader(connection).project_state((app_label, name)).apps


def test_legacy_values_map_to_values_of_the_shared_enum():
    assert LEGACY_ORGANIZATION_TYPES == {"public": "public_agency"}
    assert set(LEGACY_ORGANIZATION_TYPES.values()) <= set(OrganizationType.values)
    for field in (
        InitiativePage._meta.get_field("organization_type"),
        MemberProfile._meta.get_field("organization_type"),
    ):
        assert [value for value, _label in field.choices] == OrganizationType.values


def test_registry_migration_maps_pages_and_revisions(make_initiative):
    mapped = make_initiative(title="Public One", slug="public-one")
    kept = make_initiative(title="Chamber One", slug="chamber-one", organization_type="chamber")
    InitiativePage.objects.filter(pk=mapped.pk).update(organization_type="public")
    revision = mapped.latest_revision
    revision.content["organization_type"] = "public"
    revision.save(update_fields=["content"])

    module = importlib.import_module("registry.migrations.0005_shared_organization_type")
    module.map_legacy_types(migration_apps("registry", "0005_shared_organization_type"), None)

    mapped.refresh_from_db()
    kept.refresh_from_db()
    assert mapped.organization_type == "public_agency"
    assert kept.organization_type == "chamber"
    revision.refresh_from_db()
    assert revision.content["organization_type"] == "public_agency"
    assert mapped.get_latest_revision_as_object().get_organization_type_display() == (
        "Public or development agency"
    )


def test_community_migration_maps_profiles(make_user):
    profile = MemberProfile.objects.get_or_create(
        user=make_user(username="ana"), defaults={"display_name": "Ana"}
    )[0]
    MemberProfile.objects.filter(pk=profile.pk).update(organization_type="public")
    other = MemberProfile.objects.get_or_create(
        user=make_user(username="bea"), defaults={"display_name": "Bea"}
    )[0]
    MemberProfile.objects.filter(pk=other.pk).update(organization_type="university")

    module = importlib.import_module("community.migrations.0006_organization_spelling")
    module.map_legacy_types(migration_apps("community", "0006_organization_spelling"), None)

    assert MemberProfile.objects.get(pk=profile.pk).organization_type == "public_agency"
    assert MemberProfile.objects.get(pk=other.pk).organization_type == "university"
