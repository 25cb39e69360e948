from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from django_countries import countries

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

# What the start of a file must look like for each accepted extension.
ZIP_MAGIC = b"PK\x03\x04"
MAGIC_BYTES = {
    "pdf": [b"%PDF-"],
    "docx": [ZIP_MAGIC],
    "xlsx": [ZIP_MAGIC],
    "pptx": [ZIP_MAGIC],
    "odt": [ZIP_MAGIC],
    "ods": [ZIP_MAGIC],
    "odp": [ZIP_MAGIC],
}
TEXT_EXTENSIONS = {"txt", "csv"}
MARKUP_SIGNS = (b"<script", b"<html", b"<!doctype", b"<svg", b"<?php", b"<iframe")


def country_choices():
    return [("", _("Any country")), *countries]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def validate_attachment(upload):
    """Extension in WAGTAILDOCS_EXTENSIONS, size within WAGTAILDOCS_MAX_UPLOAD_SIZE, and
    content that matches the extension (a PDF starts with %PDF-, Office files are zip
    archives, text files are UTF-8 text without markup)."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s”: this type of file is not accepted. Accepted: %(allowed)s."),
            params={"name": name, "allowed": ", ".join(allowed)},
            code="extension",
        )
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s; the limit is %(limit)s)."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension in MAGIC_BYTES:
        if not any(head.startswith(magic) for magic in MAGIC_BYTES[extension]):
            raise ValidationError(
                _("“%(name)s” is not a real .%(extension)s file."),
                params={"name": name, "extension": extension},
                code="content",
            )
    elif extension in TEXT_EXTENSIONS:
        lowered = head.lower()
        try:
            head.decode("utf-8")
            is_text = b"\x00" not in head
        except UnicodeDecodeError:
            # The 2 KB cut may split a character: accept a truncated last sequence only.
            is_text = b"\x00" not in head and len(head) == 2048
        if not is_text or any(sign in lowered for sign in MARKUP_SIGNS):
            raise ValidationError(
                _("“%(name)s” is not a plain text file."), params={"name": name}, code="content"
            )


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
        uploads = self.cleaned_data.get("attachments") or []
        errors = []
        for upload in uploads:
            try:
                validate_attachment(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads

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
