"""The initiative registry: initiatives as Wagtail pages under one index page per locale, the
controlled vocabularies (sectors, support programs) as snippets, and the records that give
people rights on an initiative (managers, invitations, claims).

Validation lives on the models (field validators and ``InitiativePage.clean()``), so the
Wagtail admin, the public form and the CSV importer agree on what is valid.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from portal.blocks import BodyBlock

# Slugs used by the registry's own URLs under /initiatives/: no initiative may take them.
from portal.models import BasePage, IndexPage, TaggedItem
from portal.validators import is_http_url, validate_http_url, validate_http_url_lines

RESERVED_SLUGS = {"register", "data", "map", "manage", "claims", "invitations", "import"}


class InitiativeKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster initiative")
    NETWORK = "network", _("Business network")
    DISTRICT = "district", _("Productive district")
    PARK = "park", _("Technology park")
    VALUE_CHAIN = "value_chain", _("Value-chain program")
    OTHER = "other", _("Other")


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    ARCHIVED = "archived", _("Archived")


class Stage(models.TextChoices):
    EMERGING = "emerging", _("Emerging")
    INTERMEDIATE = "intermediate", _("Intermediate")
    CONSOLIDATED = "consolidated", _("Consolidated")


class LocationPrecision(models.TextChoices):
    EXACT = "exact", _("Exact address")
    CITY = "city", _("City")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")


class OrganizationType(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    PUBLIC = "public", _("Public agency")
    ASSOCIATION = "association", _("Association")
    UNIVERSITY = "university", _("University")
    PRIVATE = "private", _("Private company")


class QualityLabel(models.TextChoices):
    BRONZE = "bronze", _("Bronze label")
    SILVER = "silver", _("Silver label")
    GOLD = "gold", _("Gold label")
    OTHER = "other", _("Other label")


class Source(models.TextChoices):
    FORM = "form", _("Registration form")
    IMPORT = "import", _("Import")
    ADMIN = "admin", _("Staff")


# -- Controlled vocabularies ------------------------------------------------------------------


class SectorQuerySet(models.QuerySet):
    def sections(self):
        return self.filter(parent__isnull=True)

    def divisions(self):
        return self.filter(parent__isnull=False)


class Sector(index.Indexed, models.Model):
    """An ISIC Rev.4 section (letter, no parent) or division (two digits, parent = section).
    Names are kept in the three site languages; ``name`` follows the active language."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_es = models.CharField(_("name (Spanish)"), max_length=255, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="divisions",
    )

    objects = SectorQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name_en"),
        FieldPanel("name_es"),
        FieldPanel("name_pt"),
        FieldPanel("parent"),
    ]
    search_fields = [
        index.SearchField("name_en"),
        index.SearchField("name_es"),
        index.SearchField("name_pt"),
        index.FilterField("code"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def name(self):
        language = (translation.get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en

    @property
    def is_section(self):
        return self.parent_id is None


class SupportProgram(index.Indexed, models.Model):
    """A public or multilateral program that funds or supports initiatives."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    funder = models.CharField(_("funder"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("funder"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta:
        verbose_name = _("support program")
        verbose_name_plural = _("support programs")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


# -- Pages --------------------------------------------------------------------------------------


class InitiativeIndexPage(IndexPage):
    """The registry: list and map of the initiatives of its locale (one per locale, slug
    ``initiatives``). The list, filters and open data are rendered by ``registry.views``."""

    # Overrides IndexPage.intro (500 characters): the registry keeps its longer limit.
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    subpage_types = ["registry.InitiativePage"]

    class Meta:
        verbose_name = _("initiative index page")
        permissions = [("import_initiatives", _("Can import and export initiatives"))]

    def get_context(self, request, *args, **kwargs):
        from .views import registry_context

        context = super().get_context(request, *args, **kwargs)
        context.update(registry_context(request, index_page=self))
        return context

    def get_template(self, request, *args, **kwargs):
        return "registry/initiative_index_page.html"


class InitiativeTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [
            # Covering index for "initiatives with this tag" (filters, facets, similar).
            models.Index(fields=["tag", "content_object"], name="registry_initiativetag_tag_obj")
        ]


class InitiativeSeekingTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="seeking_tagged_items"
    )


class InitiativeOfferingTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="offering_tagged_items"
    )


class InitiativePageQuerySet(PageQuerySet):
    def in_country(self, code):
        return self.filter(country=code)

    def in_region(self, region):
        return self.filter(region__iexact=region)

    def in_sector(self, sector):
        """``sector``: a Sector or its code; a section also matches its divisions."""
        if not isinstance(sector, Sector):
            sector = Sector.objects.filter(code=sector).first()
            if sector is None:
                return self.none()
        if sector.is_section:
            return self.filter(
                models.Q(sectors=sector) | models.Q(sectors__parent=sector)
            ).distinct()
        return self.filter(sectors=sector)

    def at_stage(self, stage):
        return self.filter(stage=stage)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def tagged(self, slug):
        return self.filter(tagged_items__tag__slug=slug)

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def managed_by(self, user):
        return self.filter(manager_links__user=user)

    def without_managers(self):
        return self.exclude(manager_links__isnull=False)


InitiativePageManager = PageManager.from_queryset(InitiativePageQuerySet)


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
        _("quality label"), max_length=20, choices=QualityLabel.choices, blank=True
    )
    quality_label_expiry = models.DateField(_("quality label expires on"), null=True, blank=True)

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

    identity_panels = [
        FieldPanel("title", heading=_("Name")),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("year_founded"), FieldPanel("website")]),
        FieldPanel("social_links"),
        FieldPanel("logo"),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    place_panels = [
        FieldPanel("country"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
        FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("location_precision")]
        ),
    ]
    profile_panels = [
        MultiFieldPanel(
            [
                FieldPanel("managing_organization"),
                FieldRowPanel([FieldPanel("organization_type"), FieldPanel("team_size")]),
                FieldPanel("support_program"),
            ],
            heading=_("Governance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("stage"), FieldPanel("quality_label")]),
                FieldPanel("quality_label_expiry"),
            ],
            heading=_("Maturity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("member_firms"), FieldPanel("member_smes")]),
                FieldRowPanel(
                    [FieldPanel("member_research_bodies"), FieldPanel("member_public_bodies")]
                ),
            ],
            heading=_("Members"),
        ),
        InlinePanel("indicators", heading=_("Yearly indicators"), label=_("Year")),
    ]
    topic_panels = [
        FieldPanel("sectors"),
        FieldPanel("value_chain"),
        FieldPanel("tags"),
        FieldPanel("seeking_tags"),
        FieldPanel("offering_tags"),
    ]
    record_panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_person")], heading=_("Contact")
        ),
        FieldRowPanel([FieldPanel("external_id"), FieldPanel("source")]),
        FieldPanel("external_urls"),
        FieldRowPanel([FieldPanel("last_verified_on"), FieldPanel("data_licence")]),
    ]
    content_panels = identity_panels
    content_tab_heading = _("Identity")
    extra_tabs = [
        (_("Place"), place_panels),
        (_("Profile"), profile_panels),
        (_("Topics"), topic_panels),
        (_("Contact and record"), record_panels),
    ]

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
    api_fields = [
        APIField("acronym"),
        APIField("kind"),
        APIField("status"),
        APIField("year_founded"),
        APIField("website"),
        APIField("summary"),
        APIField("description"),
        APIField("country"),
        APIField("region"),
        APIField("city"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("location_precision"),
        APIField("managing_organization"),
        APIField("organization_type"),
        APIField("stage"),
        APIField("member_firms"),
        APIField("member_smes"),
        APIField("sectors"),
        APIField("value_chain"),
        APIField("tags"),
        APIField("indicators"),
        APIField("last_verified_on"),
    ]
    parent_page_types = ["registry.InitiativeIndexPage"]
    subpage_types = []

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
        from .views import initiative_context

        context = super().get_context(request, *args, **kwargs)
        context.update(initiative_context(request, page=self))
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


class InitiativeIndicator(Orderable):
    """One year of an initiative's figures."""

    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="indicators")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    sales_growth = models.DecimalField(
        _("sales growth (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("1000"))],
    )
    new_export_markets = models.PositiveIntegerField(_("new export markets"), null=True, blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("year"),
                FieldPanel("members"),
                FieldPanel("sales_growth"),
                FieldPanel("new_export_markets"),
            ]
        )
    ]
    api_fields = [
        APIField("year"),
        APIField("members"),
        APIField("sales_growth"),
        APIField("new_export_markets"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("yearly indicator")
        verbose_name_plural = _("yearly indicators")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


# -- Rights on an initiative --------------------------------------------------------------------


class InitiativeManager(models.Model):
    """A user who may edit an initiative. Kept outside the page's revisions on purpose: giving
    or taking editing rights takes effect at once and is not undone by publishing an older
    revision."""

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="manager_links",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="initiative_manager_links",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    panels = [FieldPanel("page"), FieldPanel("user")]

    class Meta:
        verbose_name = _("initiative manager")
        verbose_name_plural = _("initiative managers")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="registry_unique_manager")
        ]

    def __str__(self):
        return f"{self.user} · {self.page}"


class ManagerInvitation(models.Model):
    """An invitation, sent by email, to become a co-manager of an initiative. Accepting it
    needs a verified account with the invited address."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="manager_invitations",
    )
    email = models.EmailField(_("email"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("manager invitation")
        verbose_name_plural = _("manager invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.page}"


class InitiativeClaim(models.Model):
    """A member's request to manage an initiative that has no manager (typically imported).
    Moderators approve or reject it in the Wagtail admin."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="initiative_claims",
    )
    message = models.TextField(
        _("why you should manage it"),
        max_length=2000,
        help_text=_("Your role in the initiative and how moderators can check it."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    moderator_comment = models.TextField(_("moderator's comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    panels = [FieldPanel("moderator_comment")]

    class Meta:
        verbose_name = _("initiative claim")
        verbose_name_plural = _("initiative claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=models.Q(state="pending"),
                name="registry_one_pending_claim_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.page}"
