from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from portal.i18n import localized
from portal.managed_pages import managed_page_ids
from portal.tag_validation import TagNamesField
from portal.visibility import live_public
from portal.widgets import TagAutocompleteInput

from .models import Need, Urgency

NOT_YOURS = _(
    "You do not manage this initiative: nothing was saved. Choose an initiative you manage, or "
    "ask one of its managers to send the request."
)


def topic_pages():
    """Live research topics in the visitor's language (the knowledge app's pages, by name)."""
    model = apps.get_model("knowledge", "ResearchTopicPage")
    return localized(live_public(Page.objects.type(model))).order_by("title")


class SupportRequestForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative concerned"),
        queryset=Page.objects.none(),
        error_messages={"invalid_choice": NOT_YOURS},
        help_text=_("One of the initiatives you manage."),
    )
    need = forms.ChoiceField(label=_("What do you need?"), choices=Need.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Describe your question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text: the context, what you tried, what you need and by when."),
    )
    topic = forms.ModelChoiceField(
        label=_("Research topic"), queryset=Page.objects.none(), required=False
    )
    tags = TagNamesField(
        label=_("Tags"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("Comma-separated, for example: coffee, exports. Experts are found by tags."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    consent_to_publish = forms.BooleanField(
        label=_("Once answered, the question and its answer may be published on the site"),
        required=False,
        help_text=_("Staff publish it without your name, linked to its topic and tags."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # A page the member does not manage is not a choice: it gets NOT_YOURS, not the
        # generic "not one of the available choices".
        self.managed_ids = managed_page_ids(user, live_only=False)
        self.fields["initiative"].queryset = Page.objects.filter(pk__in=self.managed_ids).order_by(
            "title"
        )
        self.fields["topic"].queryset = topic_pages()

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Please give your request a title."))
        return title

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 20:
            raise forms.ValidationError(
                _("Please describe your question in a few sentences (20 characters at least).")
            )
        return text

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        if len(names) > 10:
            raise forms.ValidationError(_("Use 10 tags at most."))
        return names


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. The requester is emailed when you send it."),
    )


class VolunteerForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the staff (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
