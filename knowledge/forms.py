from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from portal.documents import (  # noqa: F401 (validate_attachment: re-exported)
    MultipleFileField,
    validate_attachment,
    validate_attachments,
)
from portal.i18n import localized
from portal.models import Tag
from portal.tag_validation import TagNamesField
from portal.widgets import TagAutocompleteInput

from .models import PracticePage, ResearchTopicPage
from .sanitising import has_text, sanitise_html

# The registry's models, through the relations practices declare (apps import only portal and
# accounts: tests/test_architecture.py).
InitiativePage = PracticePage._meta.get_field("initiatives").related_model
Sector = PracticePage._meta.get_field("sectors").related_model

MAX_QUERY_LENGTH = 200
MAX_ATTACHMENTS = 5
FORMATTED_HELP = _(
    "Plain text, or simple HTML: headings (h2-h4), lists, links, bold and italic. "
    "Anything else is removed."
)


def country_choices():
    return [("", _("Any country")), *countries]


class FormattedTextField(forms.CharField):
    """A textarea whose value is sanitised (see knowledge/sanitising.py) before it reaches
    the model; a required one must keep some visible text once cleaned."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", FORMATTED_HELP)
        kwargs.setdefault("max_length", 20_000)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        cleaned = sanitise_html(value)
        if self.required and not has_text(cleaned):
            raise ValidationError(
                _("This section is required: write a few words (HTML alone is not enough)."),
                code="required",
            )
        return cleaned if has_text(cleaned) else ""


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences, shown on cards (300 characters at most)."),
    )
    problem = FormattedTextField(label=_("Problem"))
    intervention = FormattedTextField(label=_("Intervention"))
    results = FormattedTextField(label=_("Results"))
    cost = forms.CharField(label=_("Cost"), max_length=120, required=False)
    duration_months = forms.IntegerField(
        label=_("Duration (months)"), required=False, min_value=1, max_value=240
    )
    lessons_learned = FormattedTextField(label=_("Lessons learned"), required=False)
    replicability = FormattedTextField(label=_("Replicability"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=country_choices)
    tags = TagNamesField(
        label=_("Tags"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("Comma-separated, for example: coffee, post-harvest, quality."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Research topics"),
        required=False,
        queryset=ResearchTopicPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to %(count)s documents (PDF, Office or text files, 10 MB each).")
        % {"count": MAX_ATTACHMENTS},
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives"),
        required=False,
        queryset=InitiativePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The initiatives that carried out this practice (those you manage)."),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        required=False,
        queryset=Sector.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    remove_attachments = forms.MultipleChoiceField(
        label=_("Remove attachments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, existing_attachments=(), linked_initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        from portal.moderation import is_moderator

        initiatives = InitiativePage.objects.all()
        if user is None or not is_moderator(user):
            initiatives = initiatives.filter(
                Q(manager_links__user=user) | Q(pk__in=[i.pk for i in linked_initiatives])
            )
        else:
            initiatives = initiatives.filter(
                Q(live=True) | Q(pk__in=[i.pk for i in linked_initiatives])
            )
        self.fields["initiatives"].queryset = initiatives.distinct().order_by("title")
        from .models.base import live_public

        self.fields["topics"].queryset = localized(
            live_public(ResearchTopicPage.objects.all())
        ).order_by("title")
        self.existing_attachments = list(existing_attachments)
        if self.existing_attachments:
            self.fields["remove_attachments"].choices = [
                (str(a.document_id), a.document.title) for a in self.existing_attachments
            ]
        else:
            del self.fields["remove_attachments"]

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []  # validated by TagNamesField
        if len(names) > 15:
            raise ValidationError(_("Use 15 tags at most."))
        return names

    def clean_attachments(self):
        return validate_attachments(self.cleaned_data.get("attachments") or [])

    def clean(self):
        cleaned = super().clean()
        kept = len(self.existing_attachments) - len(cleaned.get("remove_attachments") or [])
        if kept + len(cleaned.get("attachments") or []) > MAX_ATTACHMENTS:
            self.add_error(
                "attachments",
                _("A practice may have %(count)s attachments at most.")
                % {"count": MAX_ATTACHMENTS},
            )
        return cleaned


class FigureForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    label = forms.CharField(label=_("What it measures"), max_length=160, required=False)

    def clean(self):
        cleaned = super().clean()
        value, label = cleaned.get("value"), cleaned.get("label")
        if (value is None) != (not label) and (value is not None or label or cleaned.get("unit")):
            raise ValidationError(_("A figure needs both a value and what it measures."))
        return cleaned


FigureFormSet = forms.formset_factory(
    FigureForm, extra=3, max_num=8, validate_max=True, absolute_max=8
)


class TagMergeForm(forms.Form):
    """Admin: merge several tags into one surviving tag."""

    sources = forms.ModelMultipleChoiceField(
        label=_("Tags to merge"),
        queryset=Tag.objects.all(),
        help_text=_("These tags disappear; everything they tagged gets the surviving tag."),
    )
    target = forms.ModelChoiceField(label=_("Surviving tag"), queryset=Tag.objects.all())

    def clean(self):
        cleaned = super().clean()
        sources, target = cleaned.get("sources"), cleaned.get("target")
        if sources is not None and target is not None:
            remaining = [tag for tag in sources if tag.pk != target.pk]
            if not remaining:
                self.add_error(
                    "sources", _("Choose at least one tag other than the surviving tag.")
                )
            else:
                cleaned["sources"] = remaining
        return cleaned
