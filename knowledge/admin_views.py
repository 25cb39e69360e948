"""Wagtail admin: moderators rename tags (edit view) and merge them (merge view)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from portal.models import Tag
from portal.tagging import tag_merge, tags_with_usage

from .forms import TagMergeForm


def can_merge_tags(user):
    return user.has_perm("portal.change_tag") and user.has_perm("portal.delete_tag")


class TagIndexView(generic.IndexView):
    def get_base_queryset(self):
        return tags_with_usage()

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_merge_tags(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Merge tags"), url=reverse("knowledge_tags:merge"), icon_name="resubmit"
                )
            )
        return buttons


class TagMergeView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = TagMergeForm
    page_title = _("Merge tags")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        if not can_merge_tags(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("knowledge_tags:index"), "label": _("Tags")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        ids = [pk for pk in self.request.GET.getlist("id") if pk.isdigit()]
        return {"sources": Tag.objects.filter(pk__in=ids)} if ids else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("knowledge_tags:merge"),
            submit_button_label=_("Merge"),
            submit_button_active_label=_("Merging…"),
            breadcrumbs_items=self.get_breadcrumbs_items(),
        )
        return context

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        sources = form.cleaned_data["sources"]
        moved = tag_merge(sources=sources, target=target)
        messages.success(
            self.request,
            ngettext(
                "Merged %(count)s tag into “%(target)s” (%(moved)s items moved).",
                "Merged %(count)s tags into “%(target)s” (%(moved)s items moved).",
                len(sources),
            )
            % {"count": len(sources), "target": target.name, "moved": moved},
        )
        return redirect("knowledge_tags:index")


class UsageColumn(Column):
    def get_value(self, instance):
        return getattr(instance, "usage", "")


class TagViewSet(ModelViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "tags"
    name = "knowledge_tags"
    form_fields = ["name", "slug"]
    list_display = ["name", "slug", UsageColumn("usage", label=_("Items"))]
    search_fields = ["name", "slug"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = TagIndexView

    @property
    def merge_view(self):
        return TagMergeView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("merge/", self.merge_view, name="merge")]
