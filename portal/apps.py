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
