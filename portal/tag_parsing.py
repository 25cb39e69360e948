"""The one way a line of text becomes tag names, and back, for every entrance: the public forms
(``TagNamesField``), the Wagtail admin's tag fields (through taggit's ``TagField`` and widget)
and the CSV import. taggit calls these two functions everywhere it parses or writes a tag
string, because the settings name them::

    TAGGIT_TAGS_FROM_STRING = "portal.tag_parsing.tags_from_string"
    TAGGIT_STRING_FROM_TAGS = "portal.tag_parsing.string_from_tags"

The rules:

- commas and semicolons separate tags (the CSV import's lists use semicolons, people type
  either); spaces never do, so "export promotion" is one tag;
- double quotes group: ``"Smith, Jones & Co"`` is one tag with its comma; an unmatched quote
  is ignored;
- whitespace is trimmed and inner runs collapsed to one space; empty names are dropped;
- a name repeated in another case is dropped (``TAGGIT_CASE_INSENSITIVE``): the first spelling
  stays;
- the result is sorted, as taggit's own parser returns it (its ``TagField.has_changed``
  compares against the sorted names).

Parsing never refuses anything: whether a name is usable (length, characters) is decided by
``portal.tag_validation.clean_tag_names``, which the tag fields and the importer run on the
parsed names.
"""

from .tag_validation import normalise_tag_name

SEPARATORS = frozenset(",;")
QUOTE = '"'


def tags_from_string(text):
    """The tag names in ``text``, by the rules above: ``'coffee, export promotion'`` gives
    ``["coffee", "export promotion"]``."""
    if not text:
        return []
    text = str(text)
    if text.count(QUOTE) % 2:
        # An unmatched quote groups nothing: drop the last one, so that what follows it is
        # split like the rest.
        cut = text.rindex(QUOTE)
        text = text[:cut] + text[cut + 1 :]
    pieces, buffer, quoted = [], [], False
    for char in text:
        if char == QUOTE:
            quoted = not quoted
        elif char in SEPARATORS and not quoted:
            pieces.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
    pieces.append("".join(buffer))

    names, seen = [], set()
    for piece in pieces:
        name = normalise_tag_name(piece)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return sorted(names)


def quote_tag(name):
    """``name`` as one item of a tag string: quoted when it contains a separator."""
    return f"{QUOTE}{name}{QUOTE}" if SEPARATORS.intersection(name) else name


def string_from_tags(tags, separator=", "):
    """The editable string of ``tags`` (``Tag`` objects or names), sorted, which
    :func:`tags_from_string` reads back to the same names."""
    names = sorted(getattr(tag, "name", tag) for tag in tags)
    return separator.join(quote_tag(name) for name in names)
