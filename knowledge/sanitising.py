"""Formatted text from the public forms is limited to a safe subset (paragraphs, headings,
lists, links, bold and italic) and cleaned with nh3 before it is stored. Stored text is then
rendered through Wagtail's rich-text filter, which rewrites links once more."""

import re

from django.utils.html import escape

import nh3

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "b", "strong", "i", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Removed with everything inside them (not just the tags).
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}

_TAG = re.compile(r"<[a-zA-Z!/]")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Wagtail's rich-text storage format uses <b> and <i>.
_NORMALISE = [
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
]


def _paragraphs(text):
    """Plain text (no tags at all) becomes paragraphs, blank lines separating them."""
    blocks = [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def sanitise_html(value):
    """Return ``value`` reduced to the safe subset; ``""`` when nothing readable is left."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _TAG.search(value):
        value = _paragraphs(value)
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    for pattern, replacement in _NORMALISE:
        cleaned = pattern.sub(replacement, cleaned)
    # rel is added by nh3 for the rendered page; Wagtail's storage format keeps only href.
    cleaned = cleaned.replace(' rel="noopener noreferrer nofollow"', "")
    return cleaned.strip()


def has_text(html):
    """True when the cleaned HTML has visible text (an empty section is refused)."""
    return bool(nh3.clean(html or "", tags=set()).strip())


def render_safe(stored):
    """Render stored rich text for display: Wagtail expands its internal links, then the
    result is cleaned once more (defence in depth against markup that reached the database
    some other way, such as an import or an old revision)."""
    from wagtail.rich_text import expand_db_html

    return nh3.clean(
        expand_db_html(stored or ""),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
