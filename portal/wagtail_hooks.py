from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Locale

from .demo import DemoLoader
from .translation_admin import publish_naming_missing_fields


@hooks.register("register_demo_data")
def portal_demo():
    from . import demo_content

    return DemoLoader(order=10, name="portal", load=demo_content.load)


@hooks.register("register_demo_data")
def tag_labels_demo():
    from . import demo_tags

    # Last: the other parts create the tags it labels.
    return DemoLoader(order=90, name="tag-labels", load=demo_tags.load)


# --- the editor -------------------------------------------------------------------------------


@hooks.register("insert_editor_js")
def editor_error_summary_js():
    """Opens the tab of a field linked from the validation summary above the editor's tabs."""
    return format_html('<script src="{}" defer></script>', static("portal/admin/error-summary.js"))


class TranslateMenuItem(ActionMenuItem):
    """ "Translate" in the editor's action menu, next to Publish: wagtail-localize only offers it
    in the header's unlabelled "..." menu, where staff did not find it."""

    label = _("Translate")
    name = "action-translate"
    icon_name = "wagtail-localize-language"
    order = 45

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or page.is_root():
            return False
        if not context["request"].user.has_perm("wagtail_localize.submit_translation"):
            return False
        translated = page.get_translations(inclusive=True).filter(alias_of__isnull=True)
        return Locale.objects.exclude(id__in=translated.values("locale_id")).exists()

    def get_url(self, context):
        page = context["page"]
        return reverse(
            "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk]
        )


@hooks.register("register_page_action_menu_item")
def translate_menu_item():
    return TranslateMenuItem()


# Before wagtail-localize's own hook (which answers the translation editor's publish), so that
# the editor then says which fields are still untranslated.
hooks.register("before_edit_page", publish_naming_missing_fields, order=-1)
