"""The roles exist as groups after `migrate` on an empty database, with their permissions."""

from django.contrib.auth.models import Group

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

import pytest

from portal import roles

pytestmark = pytest.mark.django_db


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_three_roles_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.MEMBERS, roles.CLUSTER_MANAGERS, roles.MODERATORS} <= names
    # Wagtail's default "Editors" group is not one of Articula's roles.
    assert "Editors" not in names


@pytest.mark.parametrize("name", [roles.MEMBERS, roles.CLUSTER_MANAGERS])
def test_members_and_cluster_managers_never_get_the_admin(name):
    group = Group.objects.get(name=name)
    assert "wagtailadmin.access_admin" not in codenames(group)
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_moderators_reach_the_admin_and_curate_tags():
    group = Group.objects.get(name=roles.MODERATORS)
    perms = codenames(group)
    assert "wagtailadmin.access_admin" in perms
    assert {"portal.add_tag", "portal.change_tag", "portal.delete_tag"} <= perms
    assert "wagtail_localize.submit_translation" in perms


def test_moderators_hold_the_moderation_permission(member, moderator):
    """``portal.moderation.is_moderator`` asks for this permission, not for the group's name."""
    assert "portal.moderate_content" in codenames(Group.objects.get(name=roles.MODERATORS))
    for name in (roles.MEMBERS, roles.CLUSTER_MANAGERS):
        assert "portal.moderate_content" not in codenames(Group.objects.get(name=name))
    assert moderator.has_perm("portal.moderate_content")
    assert not member.has_perm("portal.moderate_content")


def test_moderators_edit_and_publish_the_whole_page_tree():
    group = Group.objects.get(name=roles.MODERATORS)
    root = Page.get_first_root_node()
    granted = set(
        GroupPagePermission.objects.filter(group=group, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert set(roles.MODERATOR_PAGE_PERMISSIONS) <= granted
    collection_perms = set(
        GroupCollectionPermission.objects.filter(
            group=group, collection=Collection.get_first_root_node()
        ).values_list("permission__content_type__app_label", "permission__codename")
    )
    assert set(roles.MODERATOR_COLLECTION_PERMISSIONS) <= collection_perms


def test_role_permissions_work_for_real_users(member, moderator, home_page):
    assert not member.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("portal.change_tag")
    assert home_page.permissions_for_user(moderator).can_publish()
    assert not home_page.permissions_for_user(member).can_edit()


def test_grant_is_idempotent_and_creates_missing_groups():
    from django.apps import apps

    group = roles.grant(apps, "Reviewers", [("portal", "change_tag")])
    roles.grant(apps, "Reviewers", [("portal", "change_tag")])
    assert codenames(group) == {"portal.change_tag"}
