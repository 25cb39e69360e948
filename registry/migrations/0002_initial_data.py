"""Seed the ISIC Rev.4 sectors, create the "Registry moderation" workflow (one approval task for
the Moderators group) and give Moderators the registry's permissions."""

from django.db import migrations

from portal import roles
from registry.isic import DIVISIONS, SECTIONS

WORKFLOW_NAME = "Registry moderation"
TASK_NAME = "Moderators approve initiatives"


def seed_sectors(apps):
    Sector = apps.get_model("registry", "Sector")
    sections = {}
    for code, _section, en, es, pt in SECTIONS:
        sections[code], _ = Sector.objects.update_or_create(
            code=code, defaults={"name_en": en, "name_es": es, "name_pt": pt, "parent": None}
        )
    for code, section, en, es, pt in DIVISIONS:
        Sector.objects.update_or_create(
            code=code,
            defaults={"name_en": en, "name_es": es, "name_pt": pt, "parent": sections[section]},
        )


def create_workflow(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    InitiativeIndexPage = apps.get_model("registry", "InitiativeIndexPage")

    moderators, _ = Group.objects.get_or_create(name=roles.MODERATORS)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, active=True, content_type=task_type
        )
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index_page in InitiativeIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": workflow})


def grant_moderators(apps):
    roles.grant(
        apps,
        roles.MODERATORS,
        [
            ("registry", "add_sector"),
            ("registry", "change_sector"),
            ("registry", "delete_sector"),
            ("registry", "add_supportprogram"),
            ("registry", "change_supportprogram"),
            ("registry", "delete_supportprogram"),
            ("registry", "add_initiativemanager"),
            ("registry", "change_initiativemanager"),
            ("registry", "delete_initiativemanager"),
            ("registry", "view_initiativemanager"),
            ("registry", "change_initiativeclaim"),
            ("registry", "view_initiativeclaim"),
            ("registry", "view_managerinvitation"),
            ("registry", "import_initiatives"),
        ],
    )


def forwards(apps, schema_editor):
    seed_sectors(apps)
    create_workflow(apps)
    grant_moderators(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("portal", "0002_initial_data"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
