"""Public forms of the registry. Each form lists the fields it accepts (a crafted POST with any
other field changes nothing); validation comes from the model (``InitiativePage.clean()`` and
field validators), so the admin, this form and the importer agree."""

import math
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import ClusterForm

from portal.moderation import is_moderator
from portal.tag_validation import TagNamesField
from portal.widgets import TagAutocompleteInput

from .models import InitiativeClaim, InitiativeManager, InitiativePage, Sector

SIX_PLACES = Decimal("0.000001")
DUPLICATE_RADIUS_KM = 1.0
SIMILAR_NAME_RATIO = 0.6

FORM_SECTIONS = [
    (
        _("Identity"),
        [
            "title",
            "acronym",
            "kind",
            "status",
            "year_founded",
            "website",
            "social_links",
            "summary",
        ],
    ),
    (_("Place"), ["country", "region", "city", "latitude", "longitude", "location_precision"]),
    (
        _("Governance and maturity"),
        ["managing_organization", "organization_type", "team_size", "support_program", "stage"],
    ),
    (
        _("Members"),
        ["member_firms", "member_smes", "member_research_bodies", "member_public_bodies"],
    ),
    (_("Topics"), ["sectors", "value_chain", "tags", "seeking_tags", "offering_tags"]),
    (_("Contact"), ["contact_email", "contact_person", "external_urls"]),
    (
        _("Identifiers in other registries"),
        ["eccp_profile", "eclac_id", "wikidata_id", "national_registry_number"],
    ),
]
FORM_FIELDS = [name for _heading, names in FORM_SECTIONS for name in names]


class HttpsURLField(forms.URLField):
    """An address typed without a scheme gets https://, as in the Wagtail admin (and Django 6)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class SectorChoiceField(forms.ModelMultipleChoiceField):
    """Divisions grouped by their ISIC section."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Sector.objects.select_related("parent"), **kwargs)

    def label_from_instance(self, obj):
        return obj.name

    def grouped_choices(self):
        groups = {}
        sections = []
        for sector in self.queryset:
            if sector.is_section:
                sections.append(sector)
            else:
                label = f"{sector.code} · {sector.name}"
                groups.setdefault(sector.parent_id, []).append((sector.pk, label))
        return [
            (f"{section.code} · {section.name}", groups.get(section.pk, [])) for section in sections
        ]


def _coordinate_field(label, limit):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


class InitiativeForm(ClusterForm):
    """Registration and editing by managers (the same form)."""

    latitude = _coordinate_field(_("Latitude"), 90)
    longitude = _coordinate_field(_("Longitude"), 180)
    sectors = SectorChoiceField(
        label=_("Sectors"),
        required=False,
        help_text=_("ISIC Rev.4 divisions. Choose as many as apply."),
    )
    tags = TagNamesField(
        label=_("Tags"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("Separate tags with commas."),
    )
    seeking_tags = TagNamesField(
        label=_("Seeking"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("What the initiative is looking for, separated by commas."),
    )
    offering_tags = TagNamesField(
        label=_("Offering"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("What the initiative can offer, separated by commas."),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("This is a different initiative: save anyway"), required=False
    )

    class Meta:
        model = InitiativePage
        fields = FORM_FIELDS
        labels = {"title": _("Name")}
        field_classes = {"website": HttpsURLField}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 250}),
            "social_links": forms.Textarea(attrs={"rows": 2}),
            "external_urls": forms.Textarea(attrs={"rows": 2}),
        }
        formsets = {
            "indicators": {
                "fields": [
                    "year",
                    "members",
                    "employment",
                    "sales_growth",
                    "exports_usd",
                    "new_export_markets",
                ],
                "extra": 1,
                "max_num": 30,
            }
        }

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_page = parent_page
        if parent_page is not None and not self.instance.pk:
            # Lets Wagtail's clean() check the slug among the future siblings.
            self.instance._cached_parent_obj = parent_page
        self.fields["title"].help_text = ""
        self.fields["sectors"].choices = self.fields["sectors"].grouped_choices()
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.duplicates = []

    @property
    def sections(self):
        return [(heading, [self[name] for name in names]) for heading, names in FORM_SECTIONS]

    def _clean_coordinate(self, name):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        if not value.is_finite():
            raise forms.ValidationError(_("Enter a number."))
        return value.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)

    def clean_latitude(self):
        return self._clean_coordinate("latitude")

    def clean_longitude(self):
        return self._clean_coordinate("longitude")

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets["indicators"]
        if valid or formset.is_valid():
            years = [
                form.cleaned_data.get("year")
                for form in formset.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            ]
            years = [year for year in years if year]
            if len(years) != len(set(years)):
                self.add_error(None, _("Each year can appear only once in the indicators."))
                return False
        return valid

    def find_duplicates(self, *, user=None):
        """Other initiatives that look like this one: the same name in the same country, or
        within 1 km with a similar name.

        Only what ``user`` may already see: published initiatives and the ones they manage
        (their own submissions waiting for moderation); moderators see every submission. An
        unpublished submission of someone else is not shown (its name, place and very
        existence are not public yet)."""
        data = self.cleaned_data
        title = (data.get("title") or "").strip()
        country = data.get("country")
        candidates = InitiativePage.objects.exclude(pk=self.instance.pk or 0)
        if user is None or not is_moderator(user):
            visible = Q(live=True)
            if user is not None and user.is_authenticated:
                visible |= Q(pk__in=InitiativeManager.objects.filter(user=user).values("page_id"))
            candidates = candidates.filter(visible)
        found = {}
        if title and country:
            for page in candidates.filter(title__iexact=title, country=country)[:5]:
                found[page.pk] = page
        lat, lon = data.get("latitude"), data.get("longitude")
        if title and lat is not None and lon is not None:
            dlat = Decimal(str(DUPLICATE_RADIUS_KM / 111.0))
            dlon = Decimal(
                str(DUPLICATE_RADIUS_KM / (111.0 * max(math.cos(math.radians(float(lat))), 0.01)))
            )
            nearby = candidates.filter(
                latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
            )[:50]
            for page in nearby:
                if distance_km(
                    lat, lon, page.latitude, page.longitude
                ) <= DUPLICATE_RADIUS_KM and similar_names(title, page.title):
                    found[page.pk] = page
        self.duplicates = list(found.values())
        return self.duplicates


def distance_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def similar_names(a, b):
    a, b = a.lower().strip(), b.lower().strip()
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= SIMILAR_NAME_RATIO


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the co-manager"))


class ClaimForm(forms.ModelForm):
    class Meta:
        model = InitiativeClaim
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}


class ClaimDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the member"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    MAX_SIZE = 10 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma or semicolon separated, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a CSV file (.csv)."))
        head = upload.read(4096)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("This file is not a CSV text file."))
        return upload
