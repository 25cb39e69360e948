"""Wagtail admin: moderators rename tags and write their Spanish and Portuguese labels (edit
view), find the tags missing a translation (the index's "Missing a translation" filter, with
counts) and merge tags (merge view)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

import django_filters

from portal.models import Tag
from portal.tag_labels import TRANSLATED_FIELDS
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


class TagAdminForm(WagtailAdminModelForm):
    """The tag editor: the English name (required) and the two labels, which keep what the
    moderator typed (no stripping) so that a label of spaces only is refused by ``Tag.clean``
    rather than silently emptied; an empty label is saved as ``NULL``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in TRANSLATED_FIELDS.values():
            if field in self.fields:
                self.fields[field].strip = False
                self.fields[field].empty_value = None
                self.fields[field].help_text = _(
                    "Leave empty to show the English name in this language."
                )


class TagTranslationFilterSet(WagtailFilterSet):
    """The tag index's "Missing a translation" filter; each choice says how many tags it
    lists (one aggregate query)."""

    missing = django_filters.ChoiceFilter(
        label=_("Missing a translation"), method="filter_missing", empty_label=_("Any")
    )

    class Meta:
        model = Tag
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counts = Tag.objects.aggregate(
            es=Count("pk", filter=Q(name_es__isnull=True)),
            pt=Count("pk", filter=Q(name_pt__isnull=True)),
            any=Count("pk", filter=Q(name_es__isnull=True) | Q(name_pt__isnull=True)),
        )
        self.filters["missing"].extra["choices"] = [
            ("any", _("Spanish or Portuguese (%(count)s)") % {"count": counts["any"]}),
            ("es", _("Spanish (%(count)s)") % {"count": counts["es"]}),
            ("pt", _("Portuguese (%(count)s)") % {"count": counts["pt"]}),
        ]

    def filter_missing(self, queryset, name, value):
        if value in TRANSLATED_FIELDS:
            return queryset.filter(**{f"{TRANSLATED_FIELDS[value]}__isnull": True})
        if value == "any":
            return queryset.filter(Q(name_es__isnull=True) | Q(name_pt__isnull=True))
        return queryset


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
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("name_pt"), FieldPanel("slug")],
        base_form_class=TagAdminForm,
    )
    list_display = [
        "name",
        Column("name_es", label=_("Spanish label")),
        Column("name_pt", label=_("Portuguese label")),
        "slug",
        UsageColumn("usage", label=_("Items")),
    ]
    filterset_class = TagTranslationFilterSet
    search_fields = ["name", "name_es", "name_pt", "slug"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = TagIndexView

    @property
    def merge_view(self):
        return TagMergeView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("merge/", self.merge_view, name="merge")]
