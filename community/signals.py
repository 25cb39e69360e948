"""Every account gets a member profile, however it was created (allauth signup, the Wagtail
admin, ``createsuperuser``, the demo loader)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="community_create_profile")
def create_member_profile(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .models import MemberProfile
    from .services import default_display_name

    MemberProfile.objects.get_or_create(
        user=instance, defaults={"display_name": default_display_name(instance)}
    )
