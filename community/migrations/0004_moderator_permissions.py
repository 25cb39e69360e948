"""Moderators see member profiles, contact requests and abuse reports in the Wagtail admin,
and handle the reports."""

from django.db import migrations

from portal import roles

PERMISSIONS = [
    ("community", "view_memberprofile"),
    ("community", "change_memberprofile"),
    ("community", "view_contactrequest"),
    ("community", "view_abusereport"),
    ("community", "change_abusereport"),
    ("community", "view_block"),
    ("community", "view_follow"),
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.MODERATORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_profile_sectors"),
        ("portal", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
