import datetime

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors
from .admin_views import TaskQueueView, user_sees_task_queue


@hooks.register("register_admin_urls")
def ops_admin_urls():
    return [path("ops/tasks/", TaskQueueView.as_view(), name="ops_tasks")]


class TaskQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_task_queue(request.user)


@hooks.register("register_reports_menu_item")
def task_queue_menu_item():
    return TaskQueueMenuItem(
        _("Background tasks"),
        reverse("ops_tasks"),
        name="background-tasks",
        icon_name="tasks",
        order=1300,
    )


class TaskQueuePanel(Component):
    """On the admin's home page, for moderators, when the worker has work waiting or tasks
    failed in the last 24 hours."""

    name = "task_queue"
    template_name = "ops/admin/home_panel.html"
    order = 90

    def __init__(self, *, backlog, failed):
        self.backlog = backlog
        self.failed = failed

    def get_context_data(self, parent_context):
        return {"backlog": self.backlog, "failed": self.failed, "url": reverse("ops_tasks")}


@hooks.register("construct_homepage_panels")
def task_queue_panel(request, panels):
    if not user_sees_task_queue(request.user) or selectors.task_backend_kind() != "database":
        return
    backlog = selectors.task_backlog()
    failed = selectors.failed_task_count(since=timezone.now() - datetime.timedelta(hours=24))
    if backlog.ready or failed:
        panels.append(TaskQueuePanel(backlog=backlog, failed=failed))
