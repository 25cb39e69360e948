"""The "Practice moderation" workflow: one approval task for the Moderators group, attached
to every practice index page (new index pages get it from knowledge.signals)."""

from django.db import migrations

from portal import roles

WORKFLOW_NAME = "Practice moderation"
TASK_NAME = "Moderators approve practices"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PracticeIndexPage = apps.get_model("knowledge", "PracticeIndexPage")

    moderators, _ = Group.objects.get_or_create(name=roles.MODERATORS)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=task_type)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index_page in PracticeIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index_page.pk, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    # Deleting a workflow cascades to its moderation history (workflow and task states): once
    # practices have been submitted, the workflow stays (forwards reuses it by name).
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    if WorkflowState.objects.filter(workflow__name=WORKFLOW_NAME).exists():
        return
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("portal", "0002_initial_data"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
