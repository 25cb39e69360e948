from django import forms
from django.urls import reverse_lazy

from taggit.utils import edit_string_for_tags


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
        # taggit gives a list of Tag objects or names when editing: write them as the shared
        # parser reads them back (TAGGIT_STRING_FROM_TAGS, portal/tag_parsing.py).
        if isinstance(value, list | tuple):
            return edit_string_for_tags(value)
        return super().format_value(value)
