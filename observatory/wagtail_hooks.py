"""The observatory in the main menu, and three stewardship panels on the Wagtail admin home
for moderators: what waits for moderation, the records nobody has verified in a year, and
what the site gained this month. The numbers come from the apps through
``register_stewardship_figure`` (portal/observatory.py): the observatory knows no app."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from portal.moderation import is_moderator
from portal.navigation import MenuItem
from portal.observatory import month_start, stewardship_figures

STALE_LIST = 10


@hooks.register("register_menu_item")
def observatory_menu_item():
    return MenuItem(
        key="observatory",
        label=_("Observatory"),
        order=90,
        get_url=lambda: reverse("observatory:index"),
    )


class PendingModerationPanel(Component):
    """Workflow submissions in progress, by content type (one query)."""

    name = "observatory_pending_moderation"
    template_name = "observatory/admin/pending_moderation.html"
    order = 205

    def get_context_data(self, parent_context):
        from django.contrib.contenttypes.models import ContentType

        rows = (
            WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
            .values("content_type")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        by_type = [
            (ContentType.objects.get_for_id(row["content_type"]).model_class(), row["n"])
            for row in rows
        ]
        return {
            "by_type": [
                (model._meta.verbose_name_plural if model else "?", n) for model, n in by_type
            ],
            "total": sum(n for _model, n in by_type),
            "report_url": reverse("wagtailadmin_reports:workflow"),
        }


class StaleRecordsPanel(Component):
    name = "observatory_stale_records"
    template_name = "observatory/admin/stale_records.html"
    order = 206

    def get_context_data(self, parent_context):
        return {
            "figures": [
                {
                    "label": figure.label,
                    "count": figure.count(),
                    "items": figure.items(STALE_LIST) if figure.items else [],
                }
                for figure in stewardship_figures("stale")
            ]
        }


class GrowthPanel(Component):
    name = "observatory_growth"
    template_name = "observatory/admin/growth.html"
    order = 207

    def get_context_data(self, parent_context):
        return {
            "since": month_start(),
            "figures": [
                {"label": figure.label, "count": figure.count()}
                for figure in stewardship_figures("growth")
            ],
            "observatory_url": reverse("observatory:index"),
        }


@hooks.register("construct_homepage_panels")
def stewardship_panels(request, panels):
    if is_moderator(request.user):
        panels.extend([PendingModerationPanel(), StaleRecordsPanel(), GrowthPanel()])
