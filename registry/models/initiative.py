"""An initiative: one Wagtail page, its fields grouped as in the admin's tabs (identity, place,
governance, maturity, members, topics, contact, record) and its validation."""

import contextlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField

from portal.blocks import BodyBlock
from portal.models import BasePage
from portal.validators import is_http_url, validate_http_url, validate_http_url_lines
from portal.vocabularies import OrganizationType
from registry import identifiers, schema

from . import panels
from .querysets import InitiativePageManager
from .tags import InitiativeOfferingTag, InitiativeSeekingTag, InitiativeTag
from .vocabularies import (
    InitiativeKind,
    InitiativeStatus,
    LocationPrecision,
    QualityLabel,
    QualityLabelScheme,
    Sector,
    Source,
    Stage,
    SupportProgram,
)

# Slugs used by the registry's own URLs under /initiatives/: no initiative may take them.
RESERVED_SLUGS = {
    "register",
    "data",
    "map",
    "manage",
    "claims",
    "invitations",
    "import",
    # the stewardship views (registry/freshness.py, registry/verification.py)
    "verify",
    "still-correct",
}


def _latitude_validators():
    return [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]


def _longitude_validators():
    return [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


class InitiativePage(BasePage):
    """One initiative. ``title`` is its name."""

    # identity
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.CLUSTER
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    social_links = models.TextField(
        _("social links"),
        blank=True,
        help_text=_("One URL per line."),
        validators=[validate_http_url_lines],
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(
        _("short summary"),
        max_length=250,
        blank=True,
        help_text=_("At most 250 characters, shown on cards and in the map."),
    )
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)

    # place
    country = CountryField(_("country"), db_index=True)
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("State, department or province (ISO 3166-2 code or name)."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_latitude_validators(),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_longitude_validators(),
    )
    location_precision = models.CharField(
        _("location precision"),
        max_length=20,
        choices=LocationPrecision.choices,
        default=LocationPrecision.CITY,
    )

    # governance
    managing_organization = models.CharField(_("managing organisation"), max_length=255, blank=True)
    organization_type = models.CharField(
        _("type of managing organisation"),
        max_length=20,
        choices=OrganizationType.choices,
        blank=True,
    )
    team_size = models.DecimalField(
        _("management team size (FTE)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
    )
    support_program = models.ForeignKey(
        SupportProgram,
        verbose_name=_("support program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    # maturity
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, blank=True, db_index=True
    )
    quality_label = models.CharField(
        _("quality label level"), max_length=20, choices=QualityLabel.choices, blank=True
    )
    quality_label_expiry = models.DateField(_("quality label expires on"), null=True, blank=True)
    quality_label_scheme = models.CharField(
        _("quality label scheme"),
        max_length=20,
        choices=QualityLabelScheme.choices,
        blank=True,
        help_text=_("Who awards the label, such as the European Cluster Excellence Initiative."),
    )
    quality_label_year = models.PositiveSmallIntegerField(
        _("quality label year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the label was awarded."),
    )

    # members
    member_firms = models.PositiveIntegerField(_("member firms"), null=True, blank=True)
    member_smes = models.PositiveIntegerField(_("of which SMEs"), null=True, blank=True)
    member_research_bodies = models.PositiveIntegerField(
        _("research and education bodies"), null=True, blank=True
    )
    member_public_bodies = models.PositiveIntegerField(_("public bodies"), null=True, blank=True)

    # topics
    sectors = ParentalManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="initiatives"
    )
    value_chain = models.CharField(_("value chain"), max_length=255, blank=True)
    tags = ClusterTaggableManager(
        through=InitiativeTag, blank=True, verbose_name=_("tags"), related_name="initiatives"
    )
    seeking_tags = ClusterTaggableManager(
        through=InitiativeSeekingTag,
        blank=True,
        verbose_name=_("seeking"),
        related_name="initiatives_seeking",
        help_text=_("What the initiative is looking for (partners, skills, markets)."),
    )
    offering_tags = ClusterTaggableManager(
        through=InitiativeOfferingTag,
        blank=True,
        verbose_name=_("offering"),
        related_name="initiatives_offering",
        help_text=_("What the initiative can offer to others."),
    )

    # contact
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("Shown to signed-in members only; visitors use the contact form."),
    )
    contact_person = models.CharField(_("contact person"), max_length=255, blank=True)

    # record
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="registry.InitiativeManager",
        verbose_name=_("managers"),
        blank=True,
        related_name="managed_initiatives",
    )
    external_id = models.CharField(
        _("external id"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Identifier in the source registry; imports update the record with it."),
    )
    external_urls = models.TextField(
        _("other registries"),
        blank=True,
        help_text=_("One URL per line."),
        validators=[validate_http_url_lines],
    )
    # Identifiers in other registries (registry/identifiers.py checks and normalises them).
    eccp_profile = models.CharField(
        _("European Cluster Collaboration Platform profile"),
        max_length=200,
        blank=True,
        validators=[identifiers.normalize_eccp_profile],
        help_text=_("The profile's address on clustercollaboration.eu, or its name."),
    )
    eclac_id = models.CharField(
        _("ECLAC platform id"),
        max_length=40,
        blank=True,
        validators=[identifiers.normalize_eclac_id],
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=100,  # a pasted wikidata.org address is read as its QID
        blank=True,
        db_index=True,
        validators=[identifiers.normalize_wikidata_id],
        help_text=_("Q followed by digits, such as Q42."),
    )
    national_registry_number = models.CharField(
        _("national registry number"),
        max_length=60,
        blank=True,
        validators=[identifiers.normalize_national_registry_number],
        help_text=_("Number in a national register (tax, chamber of commerce, cluster program)."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.ADMIN
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    data_licence = models.CharField(
        _("data licence"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the site's open data licence."),
    )

    objects = InitiativePageManager()

    identity_panels = panels.identity_panels
    place_panels = panels.place_panels
    profile_panels = panels.profile_panels
    topic_panels = panels.topic_panels
    record_panels = panels.record_panels
    content_panels = identity_panels
    content_tab_heading = _("Identity")
    extra_tabs = panels.extra_tabs

    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("region"),
        index.SearchField("managing_organization"),
        index.SearchField("value_chain"),
        index.AutocompleteField("acronym"),
        index.FilterField("country"),
        index.FilterField("region"),
        index.FilterField("stage"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [APIField(name) for name in schema.page_api_attributes()]
    parent_page_types = ["registry.InitiativeIndexPage"]
    subpage_types = []
    # Read with the page when routing reaches it (BasePage.route): its page shows them.
    route_select_related = ("support_program",)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.title

    @property
    def name(self):
        return self.title

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def get_template(self, request, *args, **kwargs):
        return "registry/initiative_page.html"

    def get_context(self, request, *args, **kwargs):
        from registry.page_selectors import initiative_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(initiative_page_context(request=request, page=self))
        return context

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            message = _("Give both latitude and longitude, or neither.")
            errors["latitude" if self.latitude is None else "longitude"] = message
        if (
            self.member_firms is not None
            and self.member_smes is not None
            and self.member_smes > self.member_firms
        ):
            errors["member_smes"] = _("There cannot be more SMEs than member firms.")
        if self.year_founded and self.year_founded > timezone.now().year:
            errors["year_founded"] = _("The year founded cannot be in the future.")
        if self.quality_label_expiry and not self.quality_label:
            errors["quality_label_expiry"] = _("An expiry date needs a quality label.")
        for name in ("quality_label_scheme", "quality_label_year"):
            if getattr(self, name) and not self.quality_label:
                errors[name] = _("Choose the quality label's level too.")
        if self.quality_label_year and self.quality_label_year > timezone.now().year:
            errors["quality_label_year"] = _("The year of the label cannot be in the future.")
        # One spelling per identifier (an invalid value is reported by the field's validator).
        for name, normalize in identifiers.NORMALIZERS.items():
            with contextlib.suppress(ValidationError):
                setattr(self, name, normalize(getattr(self, name)))
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved; choose another slug.")
        if self.last_verified_on and self.last_verified_on > timezone.now().date():
            errors["last_verified_on"] = _("The verification date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    TREE_FIELDS = ("path", "depth", "numchild", "url_path")

    def validate_record(self):
        """``full_clean()`` that also works before the page is in the tree (the importer and
        tests validate new records before ``add_child``)."""
        self.full_clean(exclude=self.TREE_FIELDS if not self.path else None)

    # Only http(s) addresses: a line stored before input was validated is left out (and
    # templates check again with ``safe_url``).
    @cached_property
    def social_link_list(self):
        return [
            line.strip() for line in self.social_links.splitlines() if is_http_url(line.strip())
        ]

    @cached_property
    def external_url_list(self):
        return [
            line.strip() for line in self.external_urls.splitlines() if is_http_url(line.strip())
        ]
