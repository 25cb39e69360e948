"""Pages that gather pieces from several apps (the home page, the member dashboard) ask each
app for its section through a Wagtail hook, so no app imports another app's internals.

An app registers a section in its ``wagtail_hooks.py``::

    @hooks.register("register_home_section")
    def upcoming_sessions():
        return Section(key="events", order=30, template="events/home_section.html",
                       get_context=lambda request: {"events": ...})

``get_context(request)`` returns the template's context, or ``None`` to hide the section
(an empty section is never shown).

``cache_seconds``: a section that shows the same to every visitor (no user, no form) may say
so; its HTML is then kept in the shared cache, per host and language, until the next write to
public content or for that many seconds, whichever comes first (``portal.page_cache.fragment``).
A section whose content changes with the clock (upcoming sessions) gives a short time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import get_language

from wagtail import hooks

from .page_cache import fragment


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    get_context: Callable
    cache_seconds: int | None = None


@dataclass(frozen=True)
class RenderedSection:
    key: str
    html: str


def _render(hook_name, request):
    sections = sorted((fn() for fn in hooks.get_hooks(hook_name)), key=lambda s: s.order)
    rendered = []
    for section in sections:
        if section.cache_seconds is None:
            html = _section_html(section, request)
        else:
            html = fragment(
                f"section:{hook_name}:{section.key}:{request.get_host()}:{get_language()}",
                lambda section=section: _section_html(section, request),
                timeout=section.cache_seconds,
            )
        if html is not None:
            rendered.append(RenderedSection(key=section.key, html=html))
    return rendered


def _section_html(section, request):
    context = section.get_context(request)
    if context is None:
        return None
    return render_to_string(section.template, context, request=request)


def home_sections(request):
    return _render("register_home_section", request)


def dashboard_sections(request):
    return _render("register_dashboard_section", request)


# -- Sections of one page ----------------------------------------------------------------------


@dataclass(frozen=True)
class PageSection:
    """A block that another app adds to a page of some type (the discussions of a research
    topic, the joint projects of an initiative)::

        @hooks.register("register_page_section")
        def topic_threads():
            return PageSection(key="threads", order=50, page_types=("knowledge.ResearchTopicPage",),
                               template="discussions/page_section.html",
                               get_context=lambda page, request: {"threads": ...})

    ``page_types``: ``"app_label.ModelName"`` of the pages it joins (no import of the other
    app); ``get_context(page, request)`` returns the template's context or ``None`` to hide it.
    Templates render them with ``{% page_sections page %}``.

    ``cache_seconds``: as for :class:`Section`, a block that shows the same to every visitor
    of the page (no user, no form, no CSRF token) says so; its HTML is kept per page, host and
    language until the next write to public content or that many seconds. Building the
    querysets of a section costs more than running them (5-10 ms of a request), so the
    blocks of busy pages should.
    """

    key: str
    order: int
    page_types: tuple
    template: str
    get_context: Callable
    cache_seconds: int | None = None


def page_sections(page, request, *, keys=None):
    """The rendered sections of ``page``; ``keys``: only those (a test measuring one)."""
    label = page._meta.label
    sections = sorted(
        (
            section
            for section in (fn() for fn in hooks.get_hooks("register_page_section"))
            if label in section.page_types and (keys is None or section.key in keys)
        ),
        key=lambda s: s.order,
    )
    rendered = []
    for section in sections:
        if section.cache_seconds is None:
            html = _page_section_html(section, page, request)
        else:
            html = fragment(
                f"page-section:{section.key}:{page.pk}:{request.get_host()}:{get_language()}",
                lambda section=section: _page_section_html(section, page, request),
                timeout=section.cache_seconds,
            )
        if html is not None:
            rendered.append(RenderedSection(key=section.key, html=html))
    return rendered


def _page_section_html(section, page, request):
    context = section.get_context(page, request)
    if context is None:
        return None
    return render_to_string(section.template, {"page": page, **context}, request=request)
