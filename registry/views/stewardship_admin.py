"""Wagtail admin: the moderators' list of stale and archived initiatives, and restoring."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.moderation import is_moderator

from .. import freshness
from ..models import InitiativeArchive

LIMIT = 200


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaleListView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "registry/stewardship/admin_stale.html"
    page_title = gettext_lazy("Stale initiatives")
    header_icon = "time"

    def get_context_data(self, **kwargs):
        config = freshness.freshness_settings()
        stale = freshness.stale_list(config=config)
        return {
            **super().get_context_data(**kwargs),
            "config": config,
            "cutoff": freshness.stale_cutoff(config=config),
            "stale": stale[:LIMIT],
            "stale_count": stale.count(),
            "archived": freshness.archived_list()[:LIMIT],
        }

    def post(self, request, pk):
        archive = get_object_or_404(InitiativeArchive.objects.select_related("initiative"), pk=pk)
        confirmed = request.POST.get("confirmed") == "1"
        freshness.initiative_restore(page=archive.initiative, by=request.user, confirmed=confirmed)
        name = archive.initiative.title
        if confirmed:
            message = _("%(name)s is published again and counts as verified today.")
        else:
            message = _("%(name)s is published again; a new round of reminders starts today.")
        messages.success(request, message % {"name": name})
        return redirect("registry_stewardship:stale")


def admin_urls():
    view = StaleListView.as_view()
    return [
        path("", view, name="stale"),
        path("<int:pk>/restore/", view, name="restore"),
    ]
