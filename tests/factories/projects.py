"""Factories of joint projects. Pages are live unless ``live=False``; pass ``parent=`` the
project index page and ``lead_initiative=`` an initiative page; ``tags=[...]`` and
``sought_tags=[...]`` set those tags."""

import datetime

import factory
import wagtail_factories

from projects.models import PartnerInterest, ProjectIndexPage, ProjectPage, ProjectPartner


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Joint projects"
    slug = "projects"


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary = "A joint project of several initiatives."
    status = "seeking"
    countries = ["CO", "PE"]
    call_text = "We seek a partner with export experience."
    call_deadline = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=30)
    )
    live = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def sought_tags(self, create, extracted, **kwargs):
        if extracted:
            self.sought_tags.set(extracted)
            if create:
                self.save()


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    role = "Partner"


class PartnerInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerInterest

    message = "We would like to join."
