"""Keeping the registry true: the freshness loop (reminders to managers, archiving records
nobody confirms) and verification by partner organisations (chambers of commerce, ministries,
development agencies) through their verifier accounts.

These rows live outside the page's revisions, like managers (``rights.py``): confirming a record
or archiving it must not be undone by publishing an older revision of the page."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from django_countries.fields import CountryField

from portal.validators import validate_http_url


@register_setting(icon="time")
class FreshnessSettings(BaseGenericSetting):
    """How often managers confirm their initiative, and when silence archives it."""

    interval_months = models.PositiveSmallIntegerField(
        _("months between confirmations"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A record not verified for this long gets a reminder and counts as stale."),
    )
    reminder_spacing_days = models.PositiveSmallIntegerField(
        _("days between reminders"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    max_unanswered_reminders = models.PositiveSmallIntegerField(
        _("unanswered reminders before archiving"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )

    panels = [
        FieldPanel("interval_months"),
        FieldPanel("reminder_spacing_days"),
        FieldPanel("max_unanswered_reminders"),
    ]

    class Meta:
        verbose_name = _("record freshness")


class FreshnessReminder(models.Model):
    """One reminder sent to the managers of an initiative. ``answered_at`` is set when a
    manager confirms the record (or a moderator restores it after archiving)."""

    initiative = models.ForeignKey(
        "registry.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("freshness reminder")
        verbose_name_plural = _("freshness reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.initiative} ({self.sent_at:%Y-%m-%d})"


class InitiativeArchive(models.Model):
    """An initiative archived after unanswered reminders: unpublished (gone from the map, the
    lists and search) and still in the open data with the state ``archived``. The row is
    deleted when a moderator restores the initiative."""

    initiative = models.OneToOneField(
        "registry.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="archive",
    )
    archived_at = models.DateTimeField(_("archived at"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("archived initiative")
        verbose_name_plural = _("archived initiatives")

    def __str__(self):
        return str(self.initiative)


class PartnerOrganisation(models.Model):
    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("Chamber of commerce")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Development agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("website")]

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Verifier(models.Model):
    """A person who verifies initiatives for a partner organisation, in a territory: some
    countries and, optionally, regions of them (the initiative's ``region``, code or name)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="verifier",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="verifiers",
    )
    countries = CountryField(_("countries"), multiple=True)
    regions = models.TextField(
        _("regions"),
        blank=True,
        help_text=_("Optional: one region per line (code or name); empty for whole countries."),
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("countries"),
        FieldPanel("regions"),
    ]

    class Meta:
        verbose_name = _("verifier")
        verbose_name_plural = _("verifiers")

    def __str__(self):
        return f"{self.user} ({self.organisation})"

    def territory_label(self):
        """The countries' names, and the regions if any (the admin's list)."""
        label = ", ".join(country.name for country in self.countries)
        regions = self.region_list
        return f"{label} ({', '.join(regions)})" if regions else label

    territory_label.short_description = _("territory")

    @property
    def region_list(self):
        return [line.strip() for line in self.regions.splitlines() if line.strip()]

    def territory(self):
        """A ``Q`` on InitiativePage for the initiatives of this verifier's territory."""
        scope = Q(country__in=[str(code) for code in self.countries])
        regions = self.region_list
        if regions:
            in_region = Q(pk__in=[])
            for region in regions:
                in_region |= Q(region__iexact=region)
            scope &= in_region
        return scope


class InitiativeVerification(models.Model):
    """A verifier's answer on an initiative: confirmed, or a problem flagged to moderators."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        FLAGGED = "flagged", _("Problem flagged")

    initiative = models.ForeignKey(
        "registry.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifier"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.CONFIRMED
    )
    verified_at = models.DateTimeField(_("verified at"), db_index=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("initiative verification")
        verbose_name_plural = _("initiative verifications")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.initiative}: {self.organisation} ({self.get_outcome_display()})"
