"""Template tags of the site chrome: the main navigation, the language switcher, the
query-string helper used by pagination, and the ``safe_url`` filter for typed-in links."""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.urls.base import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from portal.i18n import own_url, page_url, visitor_language
from portal.moderation import BADGE_CLASSES, ModerationState, comment_of, state_of
from portal.navigation import main_menu, page_translations
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


def _translations(page, request):
    """``[(page id, language code, own URL)]`` of the live translations of ``page`` (itself
    included), oldest first: one query, then kept in the shared cache until the next public
    write (``page_cache.fragment``), per host and translation group. Memoised on the request
    for :func:`page_language`."""
    cached = getattr(request, "_page_translations", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    from portal.page_cache import fragment

    def compute():
        return [
            (translation.pk, translation.locale.language_code, own_url(translation, request))
            for translation in page_translations(page, request)
        ]

    rows = fragment(f"language-links:{request.get_host()}:{page.translation_key}", compute)
    request._page_translations = (page.pk, rows)
    return rows


def _translated_urls(page, request):
    """{language code: URL} of the page in every site language: its live translation's own
    address where there is one. A language with no live translation is left out:
    language_links gives it the same path under its prefix, where routing serves the
    untranslated page."""
    urls = {}
    for _pk, language, url in _translations(page, request):
        if url:
            urls.setdefault(language, url)
    return urls


# Whole sentences per language rather than a language name inside one sentence: Spanish and
# Portuguese write language names in lower case ("en español") and English does not.
NOT_YET_AVAILABLE = {
    "en": _("This page is not yet available in English."),
    "es": _("This page is not yet available in Spanish."),
    "pt": _("This page is not yet available in Portuguese."),
}
WRITTEN_IN = {
    "en": _("Written in English."),
    "es": _("Written in Spanish."),
    "pt": _("Written in Portuguese."),
}


@dataclass(frozen=True)
class PageLanguage:
    """What ``base.html`` says about the language of the served page."""

    fallback: bool  # shown outside its own language (no live translation in the visitor's)
    language: str  # the page's own language code, for ``lang`` on the content
    not_yet_available: str  # "This page is not yet available in Spanish."
    written_in: str  # "Written in English."
    canonical: str  # absolute URL of the page's own address
    # The language the content was first written in (the oldest live page of its translation
    # group): a practice sent from /es/ says "Written in Spanish." in every language.
    written_in_original: str = ""


@register.simple_tag(takes_context=True)
def page_language(context):
    """``{% page_language as page_lang %}``: for a Wagtail page served at its address,
    whether it is a fallback (content in another language than the interface), its language
    and its canonical URL; ``None`` elsewhere (Django views, sub-routes)."""
    request = context.get("request")
    page = _served_page(context, request) if request is not None else None
    if page is None:
        return None
    # The page's locale from the translations language_links read (no query of its own).
    cached = getattr(request, "_page_translations", None)
    own = None
    if cached is not None and cached[0] == page.pk:
        # Live pages only: a draft shown in preview is not among them.
        own = next((row for row in cached[1] if row[0] == page.pk), None)
    if own is not None:
        language = own[1]
        original = cached[1][0][1]  # ordered by id: the oldest first
    else:
        language = original = page.locale.language_code
    url = own_url(page, request)
    return PageLanguage(
        fallback=language != visitor_language(),
        language=language,
        not_yet_available=str(NOT_YET_AVAILABLE.get(visitor_language() or "", "")),
        written_in=str(WRITTEN_IN.get(language, "")),
        canonical=request.build_absolute_uri(url) if url else "",
        written_in_original=str(WRITTEN_IN.get(original, "")),
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language to the same page in that language: for a Wagtail page its
    live translation (else the same path under the other prefix, where routing serves the
    untranslated page), for any other view the same URL translated by Django's URL resolver.
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


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """``{% localized_pageurl page %}``: ``{% pageurl %}`` under the visitor's prefix for any
    page, also a plain ``Page`` (``page.get_parent``, ``get_ancestors``) of another language,
    whose own ``url`` would switch the interface to that language (portal.i18n.page_url)."""
    return page_url(page, context.get("request")) or ""


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


@register.simple_tag(takes_context=True)
def page_sections(context, page):
    """The blocks other apps add to ``page`` (``register_page_section``), as safe HTML."""
    from django.utils.safestring import mark_safe

    from portal.sections import page_sections as sections_of

    request = context.get("request")
    return mark_safe("".join(section.html for section in sections_of(page, request)))  # noqa: S308


@register.simple_tag
def open_data_package():
    """The bulk open-data package's ``PackageInfo`` (size, date), or None before it is built:
    ``{% open_data_package as package %}`` (``portal/open_data_package_link.html``)."""
    from portal.open_data_package import package_info

    return package_info()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, source_digest=""):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        # A new deploy with a changed template must not serve the HTML the old one stored
        # (Redis outlives the app servers): the template's own text is part of the key.
        self.source_digest = source_digest

    def render(self, context):
        from portal.page_cache import fragment

        request = context.get("request")
        if getattr(request, "is_preview", False):  # a draft's content is nobody else's
            return self.nodelist.render(context)
        vary = [request.get_host() if request else "", get_language() or ""]
        vary += [str(var.resolve(context)) for var in self.vary_on]
        # Hashed: a query string can be long; keys stay short for any cache backend.
        digest = hashlib.sha256("\x1f".join(vary).encode()).hexdigest()[:32]
        return fragment(
            f"tpl:{self.name}:{self.source_digest}:{digest}",
            lambda: self.nodelist.render(context),
        )


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" var ... %}...{% endshared_fragment %}``: the enclosed HTML,
    rendered once and kept in the shared cache until the next write to public content
    (``portal.page_cache.fragment``), per host, language and the values of the ``var``s.

    Only for parts that show the same to every visitor with those values: no CSRF token, no
    form, nothing of the user but what a ``var`` names (``request.user.is_authenticated``).
    Rendering cards is most of an uncached page's cost; their data is cached already."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return SharedFragmentNode(nodelist, name, vary_on, _template_digest(parser.origin))


def _template_digest(origin):
    """A short digest of the template's source (read once: templates are compiled once per
    process in production), ``""`` for a template made from a string."""
    loader = getattr(origin, "loader", None)
    if loader is None:
        return ""
    try:
        source = loader.get_contents(origin)
    except template.TemplateDoesNotExist:
        return ""
    return hashlib.sha256(source.encode()).hexdigest()[:12]
