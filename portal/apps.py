from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.documents import get_document_model

        from .documents import randomise_file_name

        pre_save.connect(
            randomise_file_name, sender=get_document_model(), dispatch_uid="portal_document_name"
        )
