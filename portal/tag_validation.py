"""The one set of rules for a tag name, applied wherever tags enter: the public forms
(``TagNamesField``), the CSV import, the Wagtail admin (``Tag.clean`` and the page editors'
tag fields, ``AdminTagNamesField``). How a line of text is split into names is
``portal/tag_parsing.py``.

A usable name has 1 to ``MAX_TAG_LENGTH`` characters once its whitespace is collapsed, no
control or invisible formatting character, no double quote (the tag strings' grouping
character, so that every name can be written back and read again), and at least one letter or
digit, so that its slug (the ``/tags/<slug>/`` address) is never empty.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.tags import TagField as WagtailTagField

from taggit.forms import TagField as TaggitTagField

MAX_TAG_LENGTH = 60
# A slug can grow past the name (NFKC expands some characters) and taggit appends "_<n>" on
# a clash: keep it well under the 100 characters of the column.
MAX_SLUG_LENGTH = 90
# Zero-width joiners and non-joiners are part of correct spelling in several scripts (and
# of emoji sequences); every other format character can hide or reorder text.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def normalise_tag_name(name):
    """The name with surrounding whitespace removed and inner runs collapsed to one space."""
    return " ".join(str(name).split())


def validate_tag_name(name):
    """Raise ``ValidationError`` unless ``name`` (already normalised) is a usable tag."""
    if any(
        unicodedata.category(char).startswith("C") and char not in ALLOWED_FORMAT_CHARACTERS
        for char in name
    ):
        raise ValidationError(
            _("A tag cannot contain control or invisible formatting characters."),
            code="tag_control",
        )
    if '"' in name:
        raise ValidationError(_("A tag cannot contain double quotes."), code="tag_quote")
    slug = slugify(name, allow_unicode=True)
    if len(name) > MAX_TAG_LENGTH or len(slug) > MAX_SLUG_LENGTH:
        raise ValidationError(
            _("“%(name)s” is too long for a tag: use %(limit)s characters at most."),
            code="tag_length",
            params={"name": name[:MAX_TAG_LENGTH] + "…", "limit": MAX_TAG_LENGTH},
        )
    if not slug:
        raise ValidationError(
            _("“%(name)s” is not a usable tag: a tag needs at least one letter or digit."),
            code="tag_no_letters",
            params={"name": name},
        )


def clean_tag_names(names):
    """Normalised, validated names without blanks or case-insensitive repeats, in their first
    order. Raises one ``ValidationError`` listing every unusable name."""
    cleaned, seen, errors = [], set(), []
    for raw in names:
        name = normalise_tag_name(raw)
        if not name or name.casefold() in seen:
            continue
        try:
            validate_tag_name(name)
        except ValidationError as error:
            errors.extend(error.error_list)
            continue
        seen.add(name.casefold())
        cleaned.append(name)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _existing_tags_first(names):
    # A label in any language names its tag: "café" typed on /es/ is the tag coffee
    # (portal/tag_labels.py), never a new tag beside it.
    from .tag_labels import canonical_tag_names

    return canonical_tag_names(names) if names else names


class TagNamesField(TaggitTagField):
    """taggit's ``TagField`` for the public forms: the shared parser (``TAGGIT_TAGS_FROM_STRING``:
    commas or semicolons separate, spaces never do) and the shared rules. Cleans to a list of
    names, each existing tag's English name for a label typed in any language."""

    def clean(self, value):
        return _existing_tags_first(clean_tag_names(super().clean(value)))


class AdminTagNamesField(WagtailTagField):
    """Wagtail's admin tag field with the shared rules; portal registers it for every
    ``TaggableManager`` of the page and snippet editors (``PortalConfig.ready``)."""

    def clean(self, value):
        return _existing_tags_first(clean_tag_names(super().clean(value)))
