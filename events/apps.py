from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import promote_waitlist_on_publish

        page_published.connect(promote_waitlist_on_publish, dispatch_uid="events_promote_waitlist")
