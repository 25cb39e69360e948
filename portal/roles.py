"""Roles are Django groups. Migrations call these helpers so that a fresh install has every
group with its permissions (Django creates permissions only after all migrations have run, so
:func:`ensure_permissions` creates them early)."""

from django.contrib.auth.management import create_permissions

MEMBERS = "Members"
CLUSTER_MANAGERS = "Cluster managers"
MODERATORS = "Moderators"

# Moderators edit, publish and moderate everything in the page tree; members and cluster
# managers work in the public site only and get no admin permission.
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MODERATOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, permissions):
    """Give ``group_name`` the model permissions ``[(app_label, codename), ...]``."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group
