"""Public forms of joint projects. Each form lists the fields it accepts; validation comes
from the model (``ProjectPage.clean()``), so the admin and these forms agree."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from modelcluster.forms import ClusterForm

from portal.managed_pages import managed_page_ids, managed_page_model, memoised_managed_pages
from portal.tag_validation import TagNamesField
from portal.widgets import TagAutocompleteInput

from .models import TOPIC_LABEL, ProjectPage

FORM_SECTIONS = [
    (_("The project"), ["title", "summary", "goals", "lead_initiative", "status"]),
    (_("Where and when"), ["countries", "regions", "start_date", "end_date"]),
    (_("Topics"), ["tags", "topics"]),
    (
        _("Call for partners"),
        ["call_text", "call_deadline", "call_partner_kind", "call_countries", "sought_tags"],
    ),
    (_("Funding"), ["budget", "budget_currency", "funders"]),
]
FORM_FIELDS = [name for _heading, names in FORM_SECTIONS for name in names]


def _tags_field(label, help_text):
    return TagNamesField(
        label=label, required=False, widget=TagAutocompleteInput(), help_text=help_text
    )


class _KnownPagesIterator(forms.models.ModelChoiceIterator):
    """The choices of a :class:`PageChoiceField` whose ``known_pages`` are set: those pages,
    already read, rather than a query of the field's queryset (which still validates)."""

    def __iter__(self):
        if self.field.known_pages is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for page in self.field.known_pages:
            yield self.choice(page)

    def __len__(self):
        if self.field.known_pages is None:
            return super().__len__()
        return len(self.field.known_pages) + (self.field.empty_label is not None)


class PageChoiceField(forms.ModelChoiceField):
    iterator = _KnownPagesIterator
    known_pages = None

    def label_from_instance(self, obj):
        return obj.title


class PageMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def _topic_choices():
    from django.apps import apps

    from portal.i18n import localized
    from portal.visibility import live_public

    model = apps.get_model(TOPIC_LABEL)
    return localized(live_public(model.objects.all())).order_by("title")


class ProjectForm(ClusterForm):
    """Creation by a cluster manager and editing by the lead's managers (the same form). The
    lead is one of the live initiatives the person manages (the current lead stays a choice
    for a moderator editing someone else's project)."""

    tags = _tags_field(_("Tags"), _("Separate tags with commas."))
    sought_tags = _tags_field(
        _("Expertise sought"), _("What partners should bring, separated by commas.")
    )
    lead_initiative = PageChoiceField(label=_("Lead initiative"), queryset=Page.objects.none())
    topics = PageMultipleChoiceField(
        label=_("Research topics"), queryset=Page.objects.none(), required=False
    )

    class Meta:
        model = ProjectPage
        fields = FORM_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "goals": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
            "call_text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "call_deadline": forms.DateInput(attrs={"type": "date"}),
        }
        formsets = {}

    def __init__(self, *args, user, parent_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_page is not None and not self.instance.pk:
            self.instance._cached_parent_obj = parent_page
        ids = set(managed_page_ids(user, live_only=True))
        if self.instance.lead_initiative_id:
            ids.add(self.instance.lead_initiative_id)
        model = managed_page_model("initiatives")
        self.fields["lead_initiative"].queryset = model.objects.filter(pk__in=ids).order_by("title")
        self.fields["topics"].queryset = Page.objects.filter(
            pk__in=_topic_choices().values("pk")
        ).order_by("title")
        self.fields["title"].help_text = ""
        self.fields["title"].label = _("Name of the project")

    @property
    def sections(self):
        return [(heading, [self[name] for name in names]) for heading, names in FORM_SECTIONS]

    def clean_budget_currency(self):
        value = (self.cleaned_data.get("budget_currency") or "").strip().upper()
        if value and not (len(value) == 3 and value.isalpha() and value.isascii()):
            raise forms.ValidationError(_("Enter a three-letter currency code, such as USD."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("status") == "seeking" and not (data.get("call_text") or "").strip():
            self.add_error(
                "call_text", _("Describe the partners you are looking for to publish a call.")
            )
        return data


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Why would you like to join?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    initiative = PageChoiceField(
        label=_("On behalf of"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("Myself, as a member"),
    )

    def __init__(self, *args, user, project, **kwargs):
        super().__init__(*args, **kwargs)
        ids = managed_page_ids(user) - {project.lead_initiative_id}
        field = self.fields["initiative"]
        field.queryset = Page.objects.filter(pk__in=ids).order_by("title")
        if not ids:
            del self.fields["initiative"]
            return
        known = memoised_managed_pages(user)  # the page's one read of the member's initiatives
        if known is not None:
            field.known_pages = sorted(
                (Page(pk=pk, title=title) for pk, (_live, title) in known.items() if pk in ids),
                key=lambda page: page.title,
            )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
