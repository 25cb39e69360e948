import factory

from support.models import State, SupportRequest


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """``SupportRequestFactory(requester=u, initiative=page, tags=["coffee"], state="answered")``
    (rows written directly: use support.services to test the flow)."""

    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    need = "methodology"
    title = factory.Sequence(lambda n: f"Support request {n}")
    description = "We need help to choose a methodology for our value chain study."
    urgency = "normal"
    state = State.NEW
    language = "en"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save()


def published_answer(**kwargs):
    """A published question and answer."""
    from django.utils import timezone

    defaults = {
        "state": State.ANSWERED,
        "consent_to_publish": True,
        "answer": "Use a participatory mapping with producers and buyers.",
        "published": True,
        "published_at": timezone.now(),
    }
    return SupportRequestFactory(**{**defaults, **kwargs})
