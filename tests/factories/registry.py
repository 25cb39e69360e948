from decimal import Decimal

import factory
import wagtail_factories

from registry.models import (
    InitiativeIndexPage,
    InitiativeManager,
    InitiativePage,
    Sector,
    SupportProgram,
)


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativeIndexPage

    title = "Initiatives"
    slug = "initiatives"


class InitiativePageFactory(wagtail_factories.PageFactory):
    """A live initiative. ``parent`` must be an InitiativeIndexPage; ``tags=["a", "b"]`` and
    ``sectors=["62"]`` set those relations."""

    class Meta:
        model = InitiativePage
        # The hooks that change the page save it themselves.
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    country = "CO"
    region = "Antioquia"
    city = "Medellín"
    latitude = Decimal("6.244200")
    longitude = Decimal("-75.581200")
    kind = "cluster"
    stage = "intermediate"
    summary = "A cluster initiative."
    live = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            self.sectors.set(Sector.objects.filter(code__in=extracted))
            if create:
                self.save()

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                InitiativeManager.objects.get_or_create(page=self, user=user)


class SupportProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportProgram

    name = factory.Sequence(lambda n: f"Program {n}")


# --- stewardship (freshness loop, verification) ---------------------------------------------


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.PartnerOrganisation"

    name = factory.Sequence(lambda n: f"Chamber of Commerce {n}")
    kind = "chamber"
    website = "https://chamber.example.org"


class VerifierFactory(factory.django.DjangoModelFactory):
    """``VerifierFactory(user=..., countries=["CO"], regions="Antioquia")``."""

    class Meta:
        model = "registry.Verifier"

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    countries = factory.LazyFunction(lambda: ["CO"])
    regions = ""
