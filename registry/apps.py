from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Initiative registry")

    def ready(self):
        from django.db.models.signals import post_save

        from wagtail.signals import page_published, page_unpublished, workflow_rejected

        from . import services
        from .models import InitiativeIndexPage, InitiativePage

        workflow_rejected.connect(services.on_workflow_rejected, dispatch_uid="registry_rejected")
        # The rights of a cluster manager follow the approval of an initiative (publishing),
        # not its submission.
        page_published.connect(
            services.on_page_published, sender=InitiativePage, dispatch_uid="registry_published"
        )
        page_unpublished.connect(
            services.on_page_unpublished,
            sender=InitiativePage,
            dispatch_uid="registry_unpublished",
        )
        post_save.connect(
            _index_page_created, sender=InitiativeIndexPage, dispatch_uid="registry_index_created"
        )


def _index_page_created(sender, instance, created, raw=False, **kwargs):
    """Every registry index page, however it was made (admin, translation, demo loader), gets
    the "Registry moderation" workflow."""
    if created and not raw:
        from .services import index_page_ensure_workflow

        index_page_ensure_workflow(index_page=instance)
