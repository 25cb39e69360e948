from .models import EventPage


def promote_waitlist_on_publish(sender, instance, **kwargs):
    """A larger capacity frees seats: give them to the waitlist as soon as it is published."""
    if not isinstance(instance, EventPage) or instance.is_past:
        return
    if instance.canonical_id != instance.pk:
        return
    from .services import waitlist_promote

    waitlist_promote(event=instance)
