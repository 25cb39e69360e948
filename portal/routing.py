"""Wagtail's routing of the public site, with its per-request lookups in the shared cache.

For every page, Wagtail's ``serve`` finds the request's ``Site`` (one query, ``Site.find_for_
request``), the active ``Locale`` and, on a prefixed URL, the home page's translation
(``site.root_page.localized``: one or two queries) and the specific home page (one more) before
it walks down the path. Those answers change only when a site, a locale or a page is written,
and every such write starts a new page-cache generation (``portal.page_cache``), so they are
kept in the shared cache under it (``page_cache.fragment``):

- :class:`SiteMiddleware` sets ``request._wagtail_site`` (which ``Site.find_for_request``
  reads first) from the cache: no query for the site on any page or view;
- :func:`serve` (the ``wagtail_serve`` URL) starts the walk from the localized specific home
  page, read by its primary key (one query instead of three or four), then lets Wagtail serve
  the route as usual (``BasePage.route`` walks the rest, ``before_serve_page`` hooks, view
  restrictions).

What is cached is the ``Site`` row (with its root page's base row) and the content type and
primary key of each site's home page in each language: no page content, so a page's draft,
live state or fields are always read from the database.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.models import Site

from .page_cache import fragment


def site_for_request(request):
    """``Site.find_for_request(request)``'s answer, from the shared cache (``None`` too)."""
    # The host and port Wagtail matches on (``Site._find_for_request``).
    hostname = split_domain_port(request._get_raw_host())[0]
    found = fragment(
        f"routing:site:{hostname}:{request.get_port()}",
        lambda: Site._find_for_request(request) or "",
    )
    return found or None


class SiteMiddleware:
    """Reads the request's Wagtail site from the shared cache. Place after
    ``CommonMiddleware`` (which checks the host against ``ALLOWED_HOSTS`` first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    #: Probes answer without the database or the cache (load balancers call them every second).
    SKIPPED_PATHS = ("/healthz", "/readyz")

    def __call__(self, request):
        if request.path_info.rstrip("/") in self.SKIPPED_PATHS:
            return self.get_response(request)
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def _localized_root(site, *, walking_down=False):
    """The specific home page of ``site`` in the active language, as Wagtail's routing finds it
    (``site.root_page.localized.specific``), in one query; ``None`` when a cached answer no
    longer matches the database. ``walking_down``: the request is for a page below it, so
    only the home page's place in the tree is read (its ``path``, ``depth``, ``url_path``,
    which change only with a move, a new generation): the row itself comes from the shared
    cache, no query."""

    def find():
        root = site.root_page.localized
        return root.content_type_id, root.pk

    language = translation.get_language()
    content_type_id, pk = fragment(f"routing:root:{site.pk}:{language}", find)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    if walking_down:
        return fragment(
            f"routing:root-row:{site.pk}:{language}:{pk}",
            lambda: model.objects.filter(pk=pk).first(),
        )
    return model.objects.filter(pk=pk).first()


def serve(request, path):
    """Wagtail's ``serve`` view, its route found from the cached site and home page."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        components = [component for component in path.split("/") if component]
        root = _localized_root(site, walking_down=bool(components)) if site is not None else None
        if root is not None:
            try:
                request._wagtail_route_for_request = root.route(request, components)
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
