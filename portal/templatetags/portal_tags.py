"""Template tags of the site chrome: the main navigation, the language switcher, the
query-string helper used by pagination, and the ``safe_url`` filter for typed-in links."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.urls.base import translate_url
from django.utils.translation import get_language

from wagtail.models import Page

from portal.moderation import BADGE_CLASSES, ModerationState, comment_of, state_of
from portal.navigation import main_menu
from portal.validators import is_http_url

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    absolute_url: str = ""


def _prefix_pattern():
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/({codes})(/|$)")


def strip_language_prefix(path):
    """``/es/initiatives/x/`` -> ``/initiatives/x/`` (English paths have no prefix)."""
    return _prefix_pattern().sub("/", path, count=1)


def site_url(path=""):
    """The URL of ``path`` (e.g. ``"initiatives/"``) under the active language's prefix."""
    return reverse("wagtail_serve", args=[path])


@register.simple_tag
def lang_url(path=""):
    """``{% lang_url "initiatives/register/" %}`` -> ``/es/initiatives/register/`` in Spanish."""
    return site_url(path)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The main menu (portal/navigation.py), with ``current`` set on the visitor's section."""
    request = context.get("request")
    return main_menu(request) if request is not None else []


def _swap_prefix(path, code):
    """Fallback when a URL does not resolve: same path, other language prefix."""
    bare = strip_language_prefix(path)
    if code == settings.LANGUAGE_CODE:
        return bare
    return f"/{code}{bare}"


def _served_page(context, request):
    """The Wagtail page this request shows, if it is the page itself (not a sub-route of it
    or a Django view that put some ``page`` in the context)."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return None
    page_url = page.get_url(request=request)
    if not page_url or urlsplit(page_url).path != request.path:
        return None
    return page


def _translated_urls(page, request):
    """{language code: URL} of the page's live translations; where a language has none, the
    URL of the nearest ancestor translated into it (the same path under that prefix would
    not resolve once that language has its own tree). One query."""
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=page.get_ancestors(inclusive=True).values("translation_key"))
        .exclude(depth=1)
        .select_related("locale")
        .order_by("depth")
    )
    urls = {}
    for candidate in candidates:  # shallow to deep: the deepest match wins
        url = candidate.get_url(request=request)
        if url:
            urls[candidate.locale.language_code] = url
    return urls


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language to the same page in that language: for a Wagtail page its
    live translation (else the nearest translated ancestor, else the same path under the
    other prefix), for any other view the same URL translated by Django's URL resolver.
    One query on Wagtail pages, none elsewhere."""
    request = context.get("request")
    current = get_language()
    if request is None:
        return [
            LanguageLink(code=code, name=name, url="/", current=code == current)
            for code, name in settings.LANGUAGES
        ]
    full_path = request.get_full_path()
    page = _served_page(context, request)
    translated_pages = _translated_urls(page, request) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = full_path
        elif code in translated_pages:
            url = translated_pages[code]
        else:
            url = translate_url(full_path, code)
            if url == full_path:
                split = urlsplit(full_path)
                url = _swap_prefix(split.path, code) + (f"?{split.query}" if split.query else "")
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                current=code == current,
                absolute_url=request.build_absolute_uri(url),
            )
        )
    return links


@register.filter
def safe_url(value):
    """``value`` if it is an http(s) address, else "": for every ``href`` that holds an address a
    person typed, so that a ``javascript:`` link stored before input was checked is never
    rendered (``{% with href=link|safe_url %}{% if href %}<a href="{{ href }}">...``)."""
    return value if is_http_url(value) else ""


@register.inclusion_tag("components/moderation_badge.html")
def moderation_badge(page):
    """``{% moderation_badge page %}``: the page's :class:`~portal.moderation.ModerationState`
    as a badge (no query for pages from ``with_moderation_state``)."""
    state = state_of(page)
    return {
        "state": state,
        "badge_class": BADGE_CLASSES[state],
        "live": page.live,
        "published_label": ModerationState.LIVE.label,
        "comment": comment_of(page),
    }
