"""Yearly figures of an initiative."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.api import APIField
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from .initiative import InitiativePage


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
    employment = models.PositiveIntegerField(
        _("employment in member firms"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000_000)],
    )
    exports_usd = models.PositiveBigIntegerField(
        _("exports (USD)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10**13)],
        help_text=_("Exports of the member firms that year, in US dollars."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("year"),
                FieldPanel("members"),
                FieldPanel("sales_growth"),
                FieldPanel("new_export_markets"),
                FieldPanel("employment"),
                FieldPanel("exports_usd"),
            ]
        )
    ]
    api_fields = [
        APIField("year"),
        APIField("members"),
        APIField("sales_growth"),
        APIField("new_export_markets"),
        APIField("employment"),
        APIField("exports_usd"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("yearly indicator")
        verbose_name_plural = _("yearly indicators")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
