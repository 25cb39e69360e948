"""The observatory's filters (country, sector, stage), read from the URL.

As on every list of the site, a value that does not validate is reported and left out, and
the other filters still apply. The choices are the values that have data (the charts'
``filter_choices``), so an unknown country or an ISIC section nobody works in is a reported
error rather than an empty page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.observatory import ObservatoryFilters

LABELS = {
    "country": (_("Country"), _("All countries")),
    "sector": (_("Sector"), _("All sectors")),
    "stage": (_("Stage"), _("All stages")),
}


class ObservatoryFilterForm(forms.Form):
    country = forms.ChoiceField(required=False)
    sector = forms.ChoiceField(required=False)
    stage = forms.ChoiceField(required=False)

    def __init__(self, data=None, *, choices):
        super().__init__(data)
        for name, field in self.fields.items():
            label, everything = LABELS[name]
            field.label = label
            field.choices = [("", everything), *choices.get(name, [])]
            field.error_messages["invalid_choice"] = _(
                "“%(value)s” is not a value this filter knows: it was left out."
            )

    def filters(self):
        """The valid filters as :class:`ObservatoryFilters` (invalid ones left out)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return ObservatoryFilters(**{name: cleaned.get(name) or "" for name in self.fields})

    def query(self):
        """The valid, non-empty filters as GET parameters (for CSV and embed links)."""
        filters = self.filters()
        return {name: getattr(filters, name) for name in self.fields if getattr(filters, name)}
