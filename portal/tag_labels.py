"""A tag's label in each language, and finding a tag by any of them.

Every ``Tag`` has one slug and three labels: ``name`` (English, required, what taggit
matches), ``name_es`` and ``name_pt`` (empty until a moderator writes them). Wherever a tag is
shown, ``tag.label`` (or ``{{ tag|tag_label }}``) gives the label of the active language,
falling back to ``name``.

Wherever a tag is typed (the public forms, the page editors, the importer),
:func:`tag_for_label` finds the existing tag a text names, in any language, ignoring case and
accents: ``"café"`` gives the tag coffee whose Spanish label is "café", ``"Agroindustria"``
agro-industry. The tag fields run :func:`canonical_tag_names` on what they parse, so that
taggit, which matches English names only, is handed ``"coffee"`` instead of creating a
second tag "café".
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .tag_validation import normalise_tag_name, validate_tag_name

# Language code -> the column of its label; English is ``name``.
LABEL_FIELDS = {"en": "name", "es": "name_es", "pt": "name_pt"}
TRANSLATED_FIELDS = {code: field for code, field in LABEL_FIELDS.items() if field != "name"}
# The columns ``tag.label`` needs, for ``.only()`` and ``.values()``.
LABEL_COLUMNS = ("slug", *LABEL_FIELDS.values())

DUPLICATE_MESSAGES = {
    "es": _("Another tag (“%(other)s”) already has the Spanish label “%(label)s”."),
    "pt": _("Another tag (“%(other)s”) already has the Portuguese label “%(label)s”."),
}


def _language(language=None):
    return (language or get_language() or "en").split("-")[0].lower()


def tag_label(tag, language=None):
    """``tag``'s label in ``language`` (the active one by default), else its English name.
    ``tag`` is a ``Tag`` or a dict of its columns (``.values()``)."""
    field = TRANSLATED_FIELDS.get(_language(language))
    get = tag.get if isinstance(tag, dict) else lambda name, default=None: getattr(tag, name, None)
    return (get(field) if field else None) or get("name") or ""


def fold(text):
    """``text`` compared loosely: whitespace collapsed, case and accents ignored
    (``"  Café "`` and ``"CAFE"`` both give ``"cafe"``)."""
    decomposed = unicodedata.normalize("NFKD", normalise_tag_name(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


# -- Validation (Tag.clean) -------------------------------------------------------------------


def clean_tag_labels(tag):
    """Normalise and validate ``tag``'s translated labels in place: empty is allowed (the
    English name is shown); only spaces, an unusable or too long label, or the label another
    tag has in the same language (case and accents ignored) raise ``ValidationError``."""
    from .models import Tag

    errors = {}
    for language, field in TRANSLATED_FIELDS.items():
        raw = getattr(tag, field)
        label = normalise_tag_name(raw) if raw is not None else ""
        if not label:
            if raw:
                errors[field] = ValidationError(
                    _("A label cannot be only spaces: leave it empty to show the English name."),
                    code="tag_label_blank",
                )
            setattr(tag, field, None)
            continue
        setattr(tag, field, label)
        try:
            validate_tag_name(label)
        except ValidationError as error:
            errors[field] = error.error_list
            continue
        key = fold(label)
        others = (
            Tag.objects.exclude(pk=tag.pk)
            .exclude(**{f"{field}__isnull": True})
            .values_list("name", field)
        )
        other = next((name for name, value in others if fold(value) == key), None)
        if other is not None:
            errors[field] = ValidationError(
                DUPLICATE_MESSAGES[language],
                code="tag_label_duplicate",
                params={"other": other, "label": label},
            )
    if errors:
        raise ValidationError(errors)


# -- Matching -----------------------------------------------------------------------------------


def _rank(tag, text, language):
    """How well ``tag`` matches ``text`` (lower is better), ``None`` if it does not:
    case-insensitive before accent-insensitive; then the label the visitor sees (the active
    language's, or the English fallback), the English name, the slug, another language's."""
    key, lowered = fold(text), normalise_tag_name(text).casefold()
    labels = [
        (0, tag_label(tag, language)),
        (1, tag.name),
        *((3, getattr(tag, field)) for field in TRANSLATED_FIELDS.values()),
    ]
    best = None
    for priority, value in labels:
        if not value:
            continue
        if value.casefold() == lowered:
            rank = (0, priority, tag.pk)
        elif fold(value) == key:
            rank = (1, priority, tag.pk)
        else:
            continue
        best = rank if best is None else min(best, rank)
    if tag.slug and tag.slug == lowered:
        best = min(best or (0, 2, tag.pk), (0, 2, tag.pk))
    return best


def tags_for_labels(texts, *, language=None):
    """``{text: Tag}`` for each of ``texts`` that names an existing tag (see
    :func:`tag_for_label`). One indexed query for the exact (case-insensitive) matches, and
    one pass over the tags' labels only for the texts it leaves without a match."""
    from .models import Tag

    language = _language(language)
    texts = [text for text in dict.fromkeys(texts) if fold(text)]
    if not texts:
        return {}
    exact = Q()
    for text in texts:
        name = normalise_tag_name(text)
        exact |= Q(slug=name.casefold())
        for field in LABEL_FIELDS.values():
            exact |= Q(**{f"{field}__iexact": name})
    columns = ("pk", *LABEL_COLUMNS)
    candidates = list(Tag.objects.filter(exact).only(*columns))
    found = _best(texts, candidates, language)
    missing = [text for text in texts if text not in found]
    if missing:
        found |= _best(missing, Tag.objects.only(*columns).iterator(), language)
    return found


def _best(texts, candidates, language):
    best = {}
    for tag in candidates:
        for text in texts:
            rank = _rank(tag, text, language)
            if rank is not None and (text not in best or rank < best[text][0]):
                best[text] = (rank, tag)
    return {text: pair[1] for text, pair in best.items()}


def tag_for_label(text, *, language=None):
    """The existing tag ``text`` names, by its slug or its label in any language, case and
    accents ignored, or ``None``. When several do, the label shown in ``language`` (the active
    one) wins, then the English name, the slug, another language's label; an exact
    (case-insensitive) spelling beats one that differs in accents."""
    return tags_for_labels([text], language=language).get(text)


def canonical_tag_names(names, *, language=None):
    """``names`` with each one that names an existing tag replaced by that tag's English
    ``name`` (what taggit matches), repeats dropped, order kept: on ``/es/``
    ``["café", "nuevo"]`` gives ``["coffee", "nuevo"]``."""
    found = tags_for_labels(names, language=language)
    result, seen = [], set()
    for name in names:
        canonical = found[name].name if name in found else name
        if canonical.casefold() not in seen:
            seen.add(canonical.casefold())
            result.append(canonical)
    return result


def with_tag_names(query):
    """A search ``query`` (plain text) that names a tag by a label in any language, also
    searching for the tag's English name, which is what the search index holds for tagged
    content: "café" finds what is tagged coffee, under every language prefix. Anything else
    is returned as it is."""
    from wagtail.search.query import Or, PlainText

    tag = tag_for_label(query) if query else None
    if tag is None or fold(tag.name) == fold(query):
        return query
    return Or([PlainText(query), PlainText(tag.name)])
