"""Workflows created before they had a key (by the registry's and knowledge's first data
migrations, found by display name until now) get their stable key, and the Moderators group
gets the ``portal.moderate_content`` permission that :func:`portal.moderation.is_moderator`
asks for.

The names below are the ones those migrations used; a workflow already renamed in the admin
is adopted by :func:`portal.moderation.ensure_workflow` instead (it falls back to the name
only while no workflow has the key)."""

from django.db import migrations

from portal import roles

KEYS_BY_NAME = {"Registry moderation": "registry", "Practice moderation": "practices"}


def forwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ModeratedWorkflow = apps.get_model("portal", "ModeratedWorkflow")
    for name, key in KEYS_BY_NAME.items():
        workflow = Workflow.objects.filter(name=name, moderated__isnull=True).order_by("pk").first()
        if workflow is not None and not ModeratedWorkflow.objects.filter(key=key).exists():
            ModeratedWorkflow.objects.create(key=key, workflow=workflow)
    roles.grant(apps, roles.MODERATORS, [("portal", "moderate_content")])


def backwards(apps, schema_editor):
    apps.get_model("portal", "ModeratedWorkflow").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_moderatedworkflow")]

    operations = [migrations.RunPython(forwards, backwards)]
