from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Before any URLconf is loaded: the apps' urls.py use the ``id`` converter, and the API's
        # read schemas are built when portal/api_urls.py imports Wagtail's API.
        from .api import register_api_schemas
        from .converters import register_converters

        register_converters()
        register_api_schemas()

        from . import emails, moderation  # noqa: F401 (emails: its `check --deploy` check)

        moderation.connect()  # the submitter's email on every workflow decision

        from . import visibility

        visibility.connect()  # the restricted-paths cache follows view restrictions

        from . import page_cache

        page_cache.connect()  # any write to public content empties the anonymous page cache

        from django.db.models.signals import post_delete, post_save

        from .models import PortalSettings

        for signal in (post_save, post_delete):
            signal.connect(
                PortalSettings.clear_cache, sender=PortalSettings, dispatch_uid="portal_settings"
            )

        from django.db.models.signals import pre_save

        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.documents import get_document_model

        from taggit.managers import TaggableManager

        from . import i18n  # noqa: F401  (connects the request and page signals)
        from .documents import randomise_file_name
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
        pre_save.connect(
            randomise_file_name, sender=get_document_model(), dispatch_uid="portal_document_name"
        )
