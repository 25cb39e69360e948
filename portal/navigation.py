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

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
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
    """The ``url_path`` of the site's home page in the active language (Wagtail caches the
    site root paths, so this costs no query once warm)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_supported_content_language_variant(get_language())
    roots = {
        r.language_code: r.root_path for r in Site.get_site_root_paths() if r.site_id == site.pk
    }
    # A language the home page has no translation in gets the default language's menu.
    return roots.get(language) or roots.get(settings.LANGUAGE_CODE)


def menu_pages(request):
    """The live pages shown in the main menu, in tree order (one query)."""
    root_path = _site_root_path(request)
    if root_path is None:
        return []
    return list(
        Page.objects.live()
        .in_menu()
        .filter(url_path__startswith=root_path, depth=root_path.count("/") + 1)
        .order_by("path")
    )


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
    entries = [(page.title, page.get_url(request=request)) for page in menu_pages(request)]
    extra = sorted((fn() for fn in hooks.get_hooks("register_menu_item")), key=lambda i: i.order)
    entries += [(str(item.label), item.get_url()) for item in extra]
    items = [
        NavItem(label=label, url=url, current=_current(request.path, url))
        for label, url in entries
        if url
    ]
    request._main_menu = (get_language(), items)
    return items
