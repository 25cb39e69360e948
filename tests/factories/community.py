"""Factories for tests and demo data. Every user already gets a profile from the signal, so
``MemberProfileFactory`` fills in that profile (get-or-create on the user)."""

import factory

from community.models import MemberProfile
from tests.factories.accounts import UserFactory


class MemberProfileFactory(factory.django.DjangoModelFactory):
    """``MemberProfileFactory(expertise=["logistics"], seeking=[...], offering=[...],
    country="CO", user__username="ana")``"""

    class Meta:
        model = MemberProfile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, groups=["Members"])
    display_name = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.user.username)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = kwargs.pop("user")
        profile, _created = model_class.objects.get_or_create(
            user=user, defaults={"display_name": kwargs.get("display_name", user.username)}
        )
        for name, value in kwargs.items():
            setattr(profile, name, value)
        profile.save()
        return profile

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.expertise.set(extracted)
            self.save()

    @factory.post_generation
    def seeking(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.seeking.set(extracted)
            self.save()

    @factory.post_generation
    def offering(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.offering.set(extracted)
            self.save()
