from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from portal.documents import MultipleFileField, validate_attachments
from portal.tag_validation import TagNamesField
from portal.widgets import TagAutocompleteInput

from .models import DiscussionFollow, Reply, Status, Thread
from .sanitising import has_text, sanitise_post
from .spaces import space_content_type_ids, space_models

MAX_TAGS = 8
MAX_ATTACHMENTS = 5
POST_HELP = _(
    "Plain text, or simple HTML: lists, links, bold, italic and quotes. Anything else is removed."
)


class PostTextField(forms.CharField):
    """A post's text, sanitised; it must keep some visible text once cleaned."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", POST_HELP)
        kwargs.setdefault("max_length", 20_000)
        kwargs.setdefault(
            "error_messages", {"required": _("Write a few words: an empty post cannot be sent.")}
        )
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        cleaned = sanitise_post(value)
        if not has_text(cleaned):
            raise ValidationError(
                _("Write a few words: an empty post cannot be sent."), code="required"
            )
        return cleaned


# Lazy as a whole: "%" on a lazy string would translate it once, at import.
_attachments_help = lazy(
    lambda: (
        gettext("Up to %(count)s documents (PDF, Office or text files, 10 MB each).")
        % {"count": MAX_ATTACHMENTS}
    ),
    str,
)


class AttachmentsField(MultipleFileField):
    """Files of a post: the practices' rules (portal.documents.validate_attachment)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _attachments_help())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = validate_attachments(super().clean(data, initial))
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("A post may have %(count)s attachments at most.") % {"count": MAX_ATTACHMENTS}
            )
        return uploads


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = PostTextField(label=_("Your question or topic"))
    tags = TagNamesField(
        label=_("Tags"),
        required=False,
        widget=TagAutocompleteInput(),
        help_text=_("Separate tags with commas."),
    )
    language = forms.ChoiceField(label=_("Language of your post"), choices=settings.LANGUAGES)
    attachments = AttachmentsField()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Give your discussion a title."))
        return title

    def clean_tags(self):
        names = self.cleaned_data.get("tags") or []
        if len(names) > MAX_TAGS:
            raise ValidationError(_("Use %(count)d tags at most.") % {"count": MAX_TAGS})
        return names


class ReplyForm(forms.Form):
    body = PostTextField(label=_("Your reply"))
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = AttachmentsField()

    def __init__(self, *args, thread, **kwargs):
        self.thread = thread
        super().__init__(*args, **kwargs)

    def clean_quote(self):
        pk = self.cleaned_data.get("quote")
        if not pk:
            return None
        quote = Reply.objects.filter(pk=pk, thread=self.thread, status=Status.PUBLISHED).first()
        if quote is None:
            raise ValidationError(_("You can only quote a published reply of this discussion."))
        return quote


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell the moderators what is wrong.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Tell the moderators what is wrong."))
        return reason


class FollowForm(forms.Form):
    thread = forms.IntegerField(required=False)
    space = forms.IntegerField(required=False)
    tag = forms.CharField(required=False, max_length=100)
    mode = forms.ChoiceField(
        choices=DiscussionFollow.Mode.choices, required=False, initial="immediate"
    )
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])
    next = forms.CharField(required=False, max_length=500)

    def clean(self):
        from portal.models import Tag

        from .selectors import space_get

        data = super().clean()
        given = [key for key in ("thread", "space", "tag") if data.get(key)]
        if len(given) != 1:
            raise ValidationError(_("Follow one discussion, one space or one tag at a time."))
        key = given[0]
        target = None
        if key == "thread":
            target = Thread.objects.visible_to().filter(pk=data["thread"]).first()
        elif key == "space":
            target = space_get(page_id=data["space"])
        else:
            target = Tag.objects.filter(slug=data["tag"]).first()
        if target is None:
            raise ValidationError(_("There is nothing to follow here."))
        data["target"] = {key: target}
        data["mode"] = data.get("mode") or DiscussionFollow.Mode.IMMEDIATE
        return data


class SolveForm(forms.Form):
    reply = forms.IntegerField(required=False)


# -- Wagtail admin --------------------------------------------------------------------------------


class ModerationForm(forms.Form):
    THREAD_ACTIONS = [
        ("publish", _("Publish")),
        ("hide", _("Hide")),
        ("edit", _("Edit the text")),
        ("lock", _("Lock (no new replies)")),
        ("unlock", _("Unlock")),
        ("move", _("Move to another space")),
        ("merge", _("Merge into another discussion")),
    ]
    REPLY_ACTIONS = [("publish", _("Publish")), ("hide", _("Hide")), ("edit", _("Edit the text"))]

    action = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The author sees it on the post and by email."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    space = forms.ModelChoiceField(
        label=_("New space"),
        queryset=Page.objects.all(),
        required=False,
        help_text=_("Leave empty to move the discussion to the general space."),
    )
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Thread.objects.filter(merged_into__isnull=True),
        required=False,
        widget=forms.NumberInput,
        help_text=_("The number (ID) of the discussion that receives the replies."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["action"].choices = (
            self.THREAD_ACTIONS if kind == "thread" else self.REPLY_ACTIONS
        )
        self.fields["space"].queryset = Page.objects.filter(
            content_type_id__in=space_content_type_ids()
        )
        self.fields["space"].widget = AdminPageChooser(target_models=space_models())
        if kind != "thread":
            for name in ("title", "space", "target"):
                del self.fields[name]
        # The page chooser looks the bound value up as a page id when the form is shown again:
        # a value that is not a number would be a server error there (costs4's injection audit).
        # It is refused with the field's message, and the form shows an empty chooser.
        self._bad_space = False
        raw_space = str(self.data.get("space", "") or "") if self.is_bound else ""
        if kind == "thread" and raw_space and not raw_space.isdigit():
            self.data = self.data.copy()
            self.data["space"] = ""
            self._bad_space = True

    def clean(self):
        data = super().clean()
        if self._bad_space:
            self.add_error(
                "space", self.fields["space"].error_messages["invalid_choice"] % {"value": ""}
            )
        action = data.get("action")
        if action == "edit":
            body = sanitise_post(data.get("body") or "")
            if not has_text(body):
                self.add_error("body", _("Write a few words: an empty post cannot be sent."))
            data["body"] = body
            if self.kind == "thread" and not (data.get("title") or "").strip():
                self.add_error("title", _("Give your discussion a title."))
        if action == "merge" and data.get("target") is None:
            self.add_error("target", _("Choose another discussion to merge this one into."))
        return data
