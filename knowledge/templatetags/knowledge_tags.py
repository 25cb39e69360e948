import re

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()


@register.filter
def tags_of(item):
    """The tags of a tagged item, read from the prefetched ``tagged_items`` (no query when
    the listing prefetched ``tagged_items__tag``)."""
    tagged_items = getattr(item, "tagged_items", None)
    if tagged_items is None:
        return []
    return [tagged.tag for tagged in tagged_items.all()]


@register.filter
def summary_of(item, length=40):
    """A plain-text summary of any result: its summary, search description or intro."""
    for name in ("summary", "search_description", "intro", "bio", "organization"):
        value = getattr(item, name, "")
        if value:
            return Truncator(strip_tags(str(value))).words(int(length))
    return ""


@register.filter
def highlight(text, query):
    """Escape ``text`` and wrap the words of ``query`` in <mark>."""
    text = str(text or "")
    words = sorted(set(re.findall(r"\w{2,}", query or "")), key=len, reverse=True)[:10]
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    pieces = pattern.split(text)
    # split() with one group alternates: text, match, text, match, ...
    html = "".join(
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )
    return mark_safe(html)  # noqa: S308 - every piece is escaped


@register.filter
def safe_richtext(value):
    """``{{ page.problem|safe_richtext }}``: Wagtail's rich text, cleaned again on display."""
    from knowledge.sanitising import render_safe

    return mark_safe(render_safe(value))  # noqa: S308 - cleaned by nh3
