import factory

from discussions.models import Reply, Status, Thread
from tests.factories.accounts import UserFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    """A published thread in the general space (pass ``space=page`` for a topic's)."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Question {n} about clusters")
    body = "<p>How do you measure the effects of a cluster?</p>"
    author = factory.SubFactory(UserFactory)
    status = Status.PUBLISHED
    language = "en"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))
            self.save()


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "<p>We used tax data and a comparison group.</p>"
    status = Status.PUBLISHED
