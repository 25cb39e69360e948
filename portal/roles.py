"""Roles are Django groups (who moderates is asked through a permission the Moderators group
holds, ``portal.moderation.is_moderator``, not through the group's name). Migrations call these helpers so that a fresh install has every
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


def ensure_permissions(apps, app_labels=None):
    """Create the model permissions of ``app_labels`` (default: every app) now, in a migration,
    instead of after all migrations have run."""
    for app_config in apps.get_app_configs():
        if app_labels is not None and app_config.label not in app_labels:
            continue
        # Historical app configs have no models module, which create_permissions requires.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module


def grant(apps, group_name, permissions):
    """Give ``group_name`` the model permissions ``[(app_label, codename), ...]``.

    In a data migration of your app::

        def forwards(apps, schema_editor):
            roles.grant(apps, roles.MODERATORS, [("registry", "change_sector"), ...])

    with ``("portal", "0002_initial_data")`` among the migration's dependencies.
    """
    permissions = list(permissions)
    ensure_permissions(apps, {app_label for app_label, _codename in permissions})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group
