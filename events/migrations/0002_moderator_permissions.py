"""Moderators see and manage event registrations and mark attendance in the admin."""

from django.db import migrations

from portal import roles

PERMISSIONS = [
    ("events", "view_eventregistration"),
    ("events", "add_eventregistration"),
    ("events", "change_eventregistration"),
    ("events", "delete_eventregistration"),
    ("events", "mark_attendance"),
    ("events", "view_certificate"),
]


def forwards(apps, schema_editor):
    roles.grant(apps, roles.MODERATORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("portal", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
