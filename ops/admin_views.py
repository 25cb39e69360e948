"""The task worker's queue in the Wagtail admin (Reports > Background tasks), for moderators:
what waits, what runs, what failed and why."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_tasks import TaskResultStatus

from portal.moderation import is_moderator

from . import selectors


def user_sees_task_queue(user):
    return user.has_perm("wagtailadmin.access_admin") and is_moderator(user)


class TaskQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "ops/admin/tasks.html"
    page_title = _("Background tasks")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_task_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        backend = selectors.task_backend_kind()
        context["backend"] = backend
        if backend == "database":
            counts = selectors.task_status_counts()
            context["status_counts"] = [
                (label, counts[value]) for value, label in TaskResultStatus.choices
            ]
            context["backlog"] = selectors.task_backlog()
            context["failed_tasks"] = selectors.failed_task_list(limit=20)
        return context
