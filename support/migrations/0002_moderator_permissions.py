"""Moderators triage support requests in the admin (support/permissions.py asks for
``change_supportrequest``)."""

from django.db import migrations

from portal import roles

PERMISSIONS = [
    ("support", "view_supportrequest"),
    ("support", "change_supportrequest"),
    ("support", "delete_supportrequest"),
]


def forwards(apps, schema_editor):
    roles.grant(apps, roles.MODERATORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("portal", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
