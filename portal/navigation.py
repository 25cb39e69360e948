"""The main menu, built from the page tree as wagtail/bakerydemo does: the live children of the
site's home page (in the visitor's language) that have "Show in menus" ticked, in tree order.
Section index pages are ticked by default (``IndexPage.show_in_menus_default``); staff add,
remove and reorder menu entries in the admin's page tree.

What an app serves without a page (the member directory) joins the menu through a hook, in
its ``wagtail_hooks.py``::

    @hooks.register("register_menu_item")
    def members_menu_item():
        return MenuItem(key="members", label=_("Members"), order=100,
                        get_url=lambda: reverse("community:directory"))

Hook items come after the pages, by ``order``. ``get_url()`` is called in the visitor's
language, so ``reverse`` gives the right prefix.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str | Promise
    order: int
    get_url: Callable


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: str  # "page" on the item's own page, "true" below it, "" elsewhere


def _site_root_path(request):
    """The ``url_path`` of the site's home page in the active language, from Wagtail's cached
    site root paths: no query once warm on a single-site install (with several sites, the
    request's site, which a page request has already looked up)."""
    roots = Site.get_site_root_paths()
    site_ids = {root.site_id for root in roots}
    if len(site_ids) > 1:
        site = Site.find_for_request(request)
        site_ids = {site.pk} if site is not None else set()
    if not site_ids:
        return None
    (site_id,) = site_ids
    paths = {root.language_code: root.root_path for root in roots if root.site_id == site_id}
    language = get_supported_content_language_variant(get_language())
    # A language the home page has no translation in gets the default language's menu.
    return paths.get(language) or paths.get(settings.LANGUAGE_CODE)


def _menu_filter(root_path):
    return Q(show_in_menus=True, url_path__startswith=root_path, depth=root_path.count("/") + 1)


def menu_pages(request):
    """The live pages shown in the main menu, in tree order (from the shared cache, else one
    query)."""
    root_path = _site_root_path(request)
    if root_path is None:
        return []
    return _menu(root_path)


def _menu(root_path):
    """The menu's pages under ``root_path``: the same for every visitor, kept in the shared
    cache until the next write to public content (``portal.page_cache.fragment``). Read with
    the translations of a page in one query (an OR), they made that query read every page of
    the tree (no index serves ``url_path LIKE`` with ``depth``): 0.1 s at 10,000 initiatives."""
    from .page_cache import fragment

    digest = hashlib.sha256(root_path.encode("utf-8", "surrogateescape")).hexdigest()
    return fragment(
        f"navigation:menu:{digest}",
        lambda: list(Page.objects.live().filter(_menu_filter(root_path)).order_by("path")),
    )


def page_translations(page, request):
    """The live translations of ``page`` (itself included, with their locales), oldest
    first: one query on the ``translation_key`` index (the menu's pages come from the shared
    cache, :func:`menu_pages`)."""
    pages = Page.objects.live().filter(translation_key=page.translation_key)
    return sorted(pages.select_related("locale"), key=lambda p: p.pk)


def _path(page, request):
    parts = page.get_url_parts(request=request)
    return parts[2] if parts else None


def _current(path, url):
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def main_menu(request):
    """The main menu's entries, with ``current`` on the one the visitor is in (cached on the
    request: the header and the footer both show it)."""
    cached = getattr(request, "_main_menu", None)
    if cached is not None and cached[0] == get_language():
        return cached[1]
    # get_url_parts rather than get_url: the pages are on the request's site, so the path is
    # the link, and get_url would look the site up again (a query on non-page views).
    entries = [(page.title, _path(page, request)) for page in menu_pages(request)]
    extra = sorted((fn() for fn in hooks.get_hooks("register_menu_item")), key=lambda i: i.order)
    entries += [(str(item.label), item.get_url()) for item in extra]
    items = [
        NavItem(label=label, url=url, current=_current(request.path, url))
        for label, url in entries
        if url
    ]
    request._main_menu = (get_language(), items)
    return items
