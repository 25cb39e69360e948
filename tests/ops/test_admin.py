"""Reports > Background tasks in the Wagtail admin, and the home page panel: the task worker's
backlog and failures, for moderators only."""

from django.test import override_settings

import pytest
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "/admin/ops/tasks/"


@task()
def send_digest():
    raise ConnectionRefusedError("SMTP server refused the connection")


@task()
def noop():
    """Enqueued by the tests, never run."""


def run_in_worker(result):
    """What ``manage.py db_worker`` does with a task it picks (its loop locks the table with
    BEGIN EXCLUSIVE, which SQLite refuses inside the test's transaction)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    result.db_result.claim(worker.worker_id)
    worker.run_task(result.db_result)


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def test_moderator_sees_counts_and_the_failed_task(client, moderator, database_tasks):
    run_in_worker(send_digest.enqueue())
    noop.enqueue()
    noop.enqueue()

    client.force_login(moderator)
    response = client.get(URL)
    assert response.status_code == 200
    counts = dict(response.context["status_counts"])
    assert counts == {"Ready": 2, "Running": 0, "Failed": 1, "Successful": 0}
    assert response.context["backlog"].ready == 2
    html = response.content.decode()
    assert "tests.ops.test_admin.send_digest" in html
    assert "ConnectionRefusedError" in html
    assert "SMTP server refused the connection" in html
    assert "2 tasks wait for the worker" in html


def test_the_page_is_translated(client, moderator, database_tasks):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(moderator)
    html = client.get(URL).content.decode()
    assert "Tareas en segundo plano" in html
    assert "Ninguna tarea ha fallado." in html


def test_with_the_immediate_backend_there_is_no_queue(client, admin_user):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "there is no queue" in response.content.decode()
    assert "status_counts" not in response.context


def test_members_are_kept_out(client, member):
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_who_are_not_moderators_are_refused(client, make_user):
    from django.contrib.auth.models import Permission

    editor = make_user(username="editor", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


def test_reports_menu_links_the_page_for_moderators(client, moderator):
    client.force_login(moderator)
    assert URL in client.get("/admin/").content.decode()


def test_home_panel_shows_backlog_and_recent_failures_only(client, moderator, database_tasks):
    client.force_login(moderator)
    assert "task-queue" not in client.get("/admin/").content.decode()

    run_in_worker(send_digest.enqueue())
    noop.enqueue()
    html = client.get("/admin/").content.decode()
    assert "task-queue" in html
    assert "1 task waits for the worker" in html
    assert "1 task failed in the last 24 hours" in html
