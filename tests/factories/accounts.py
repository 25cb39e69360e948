import factory
from allauth.account.models import EmailAddress

from accounts.models import User

DEFAULT_PASSWORD = "a-long-test-password"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary email address (pass ``verified=False`` for one who has
    not confirmed yet) and the password ``DEFAULT_PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        EmailAddress.objects.update_or_create(
            user=self,
            email=self.email,
            defaults={"verified": extracted is not False, "primary": True},
        )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
