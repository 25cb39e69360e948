from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override

        from taggit.managers import TaggableManager

        from .tag_validation import AdminTagNamesField

        # Replaces Wagtail's own entry (registered when wagtail.admin.forms.models was
        # imported just above): the page and snippet editors validate tag names as the
        # public forms do.
        register_form_field_override(
            TaggableManager,
            override=lambda db_field: {
                "form_class": AdminTagNamesField,
                "tag_model": db_field.related_model,
            },
        )
