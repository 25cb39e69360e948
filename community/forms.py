import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.emails import language_of
from portal.tag_validation import TagNamesField
from portal.validators import validate_http_url_list
from portal.widgets import TagAutocompleteInput

from .models import LANGUAGE_CHOICES, MemberProfile

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 25_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_LINKS = 5
TAG_LIMIT = 15
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def _tag_field(label, help_text):
    return TagNamesField(
        label=label, required=False, help_text=help_text, widget=TagAutocompleteInput()
    )


def reject_markup(value):
    if value and HTML_TAG.search(value):
        raise ValidationError(
            _("Please write plain text: HTML tags and scripts are not allowed."), code="markup"
        )
    return value


class ProfileForm(forms.ModelForm):
    photo_upload = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, up to 5 MB and 25 megapixels."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    expertise = _tag_field(
        _("Expertise"), _("What you work on, separated by commas (e.g. agro-industry, logistics).")
    )
    seeking = _tag_field(
        _("Seeking"), _("What you are looking for: partners, knowledge, services.")
    )
    offering = _tag_field(_("Offering"), _("What you can offer to others."))
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email_language = forms.ChoiceField(
        label=_("Language of your emails"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Articula writes to you in this language."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to five web addresses (https://...), one per line."),
    )

    class Meta:
        model = MemberProfile
        fields = [
            "display_name",
            "organization",
            "organization_type",
            "role",
            "country",
            "city",
            "bio",
            "visibility",
            "allow_contact",
            "digest_enabled",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        if profile.pk:
            self.initial.setdefault("expertise", list(profile.expertise.all()))
            self.initial.setdefault("seeking", list(profile.seeking.all()))
            self.initial.setdefault("offering", list(profile.offering.all()))
            self.initial.setdefault("languages", profile.language_codes)
            self.initial.setdefault("links", "\n".join(profile.links or []))
        if profile.user_id:
            self.initial.setdefault("email_language", language_of(profile.user))
        self.fields["display_name"].help_text = _("How other members see your name.")
        self.fields["visibility"].help_text = _(
            "Public: anyone can see your profile. Members only: only signed-in members can."
        )
        if not profile.photo_id:
            del self.fields["remove_photo"]

    def clean_display_name(self):
        name = reject_markup(self.cleaned_data["display_name"].strip())
        if not name:
            raise ValidationError(_("Please enter a display name."))
        return name

    def clean_bio(self):
        return reject_markup(self.cleaned_data.get("bio", "").strip())

    def clean_organization(self):
        return reject_markup(self.cleaned_data.get("organization", "").strip())

    def clean_role(self):
        return reject_markup(self.cleaned_data.get("role", "").strip())

    def clean_city(self):
        return reject_markup(self.cleaned_data.get("city", "").strip())

    def _clean_tags(self, name):
        tags = self.cleaned_data.get(name) or []  # parsed and validated by TagNamesField
        if len(tags) > TAG_LIMIT:
            raise ValidationError(_("Please choose at most %(limit)d tags.") % {"limit": TAG_LIMIT})
        for tag in tags:
            reject_markup(tag)
        return tags

    def clean_expertise(self):
        return self._clean_tags("expertise")

    def clean_seeking(self):
        return self._clean_tags("seeking")

    def clean_offering(self):
        return self._clean_tags("offering")

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines()]
        links = [line for line in lines if line]
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Please give at most %(limit)d links.") % {"limit": MAX_LINKS})
        validate_http_url_list(links)
        return links

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return upload
        if upload.size > PHOTO_MAX_BYTES:
            raise ValidationError(_("The photo is too large: the limit is 5 MB."))
        image = getattr(upload, "image", None)  # set by forms.ImageField (Pillow)
        if image is None or image.format not in PHOTO_FORMATS:
            raise ValidationError(_("Please upload a JPEG, PNG, GIF or WebP image."))
        width, height = image.size
        max_pixels = min(
            PHOTO_MAX_PIXELS, getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", PHOTO_MAX_PIXELS)
        )
        if width * height > max_pixels:
            raise ValidationError(_("The photo has too many pixels: the limit is 25 megapixels."))
        return upload

    def save(self, commit=True):
        from .services import profile_save_photo

        profile = super().save(commit=False)
        profile.languages = " ".join(self.cleaned_data.get("languages") or [])
        profile.links = self.cleaned_data.get("links") or []
        profile.expertise.set(self.cleaned_data.get("expertise") or [])
        profile.seeking.set(self.cleaned_data.get("seeking") or [])
        profile.offering.set(self.cleaned_data.get("offering") or [])
        old_photo = profile.photo if profile.photo_id else None
        if self.cleaned_data.get("photo_upload"):
            profile_save_photo(profile=profile, upload=self.cleaned_data["photo_upload"])
        elif self.cleaned_data.get("remove_photo"):
            profile.photo = None
        if commit:
            profile.save()
            language = self.cleaned_data.get("email_language")
            if language and language != profile.user.preferred_language:
                profile.user.preferred_language = language
                profile.user.save(update_fields=["preferred_language"])
            if old_photo is not None and old_photo.pk != profile.photo_id:
                old_photo.delete()
        return profile


class ContactForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Introduce yourself and say why you are writing. Your email address is not shown "
            "until the recipient replies."
        ),
    )

    def clean_subject(self):
        value = self.cleaned_data["subject"].strip()
        if not value:
            raise ValidationError(_("Please write a subject."))
        return value

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        if not value:
            raise ValidationError(_("Please write a message."))
        return value


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("When you reply, the sender sees your email address and you see theirs."),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    block = forms.BooleanField(label=_("Also block this sender"), required=False, initial=True)


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your username to confirm"),
        max_length=150,
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.lower() != self.user.username.lower():
            raise ValidationError(_("That is not your username: nothing was deleted."))
        return value
