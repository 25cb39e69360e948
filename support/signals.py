from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete


def _member_deleted(sender, instance, **kwargs):
    from .services import member_requests_delete

    member_requests_delete(user=instance)


def connect():
    pre_delete.connect(
        _member_deleted, sender=get_user_model(), dispatch_uid="support_member_deleted"
    )
