"""The registry's controlled vocabularies: the choice enums of an initiative's fields, and the
sectors (ISIC Rev.4) and support programs kept as snippets."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from django_countries.fields import CountryField

from portal.validators import validate_http_url


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


class QualityLabel(models.TextChoices):
    BRONZE = "bronze", _("Bronze label")
    SILVER = "silver", _("Silver label")
    GOLD = "gold", _("Gold label")
    OTHER = "other", _("Other label")


class QualityLabelScheme(models.TextChoices):
    ECEI = "ecei", _("ECEI cluster management excellence label")
    NATIONAL = "national", _("National cluster label")
    OTHER = "other", _("Other quality label")


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
