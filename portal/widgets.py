from django import forms
from django.urls import reverse_lazy


class TagAutocompleteInput(forms.TextInput):
    """A comma-separated tag input for the public forms (use with ``taggit.forms.TagField``).
    ``static/js/tag-autocomplete.js`` suggests existing tags from ``portal:tag_autocomplete``;
    without JavaScript it stays a plain text field."""

    def __init__(self, attrs=None):
        defaults = {
            "data-tag-autocomplete": reverse_lazy("portal:tag_autocomplete"),
            "autocomplete": "off",
        }
        super().__init__({**defaults, **(attrs or {})})

    class Media:
        js = ["js/tag-autocomplete.js"]

    def format_value(self, value):
        # taggit gives a list of Tag objects or names when editing.
        if isinstance(value, list | tuple):
            return ", ".join(getattr(tag, "name", str(tag)) for tag in value)
        return super().format_value(value)
