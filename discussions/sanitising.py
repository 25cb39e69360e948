"""Posts are plain text or a small safe subset of HTML (paragraphs, lists, links, bold and
italic), cleaned with nh3 before they are stored and once more when they are shown, as the
practices' formatted text is (knowledge/sanitising.py; apps do not import each other)."""

import re

from django.utils.html import escape

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "a", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template"}
_TAG = re.compile(r"<[a-zA-Z!/]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_BLOCK_END = re.compile(r"</(?:p|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _clean(value):
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    )


def sanitise_post(value):
    """``value`` reduced to the safe subset; plain text (no tag) becomes paragraphs."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _TAG.search(value):
        blocks = [block.strip() for block in _BLANK_LINES.split(value) if block.strip()]
        value = "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)
    return _clean(value).strip()


def has_text(html):
    return bool(nh3.clean(html or "", tags=set()).strip())


def plain_text(html):
    """The visible text of a stored post (emails, feeds, quotes)."""
    from html import unescape

    spaced = _BLOCK_END.sub(" ", html or "")  # "<p>a</p><p>b</p>" reads "a b", not "ab"
    return " ".join(unescape(nh3.clean(spaced, tags=set())).split())


def render_post(stored):
    """Stored HTML cleaned once more for display (defence in depth)."""
    return _clean(stored or "")
