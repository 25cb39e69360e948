"""Security headers that depend on the request: the Permissions-Policy header, the Wagtail
admin's own Content-Security-Policy, the map tile server in img-src, and the hash of the 500
and 503 pages' <style> (standalone pages rendered without the request, so no nonce).

django-csp writes the policy of ``settings.CONTENT_SECURITY_POLICY`` (or ``..._REPORT_ONLY``);
it reads per-response changes from attributes of the response (``_csp_config`` replaces the
whole policy, ``_csp_update`` adds sources), which this middleware sets before CSPMiddleware
writes the header (it comes after CSPMiddleware in MIDDLEWARE, so it sees the response first).
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.template.loader import get_template

ADMIN_PREFIX = "/admin/"
# A host label that is a placeholder, such as {s} in https://{s}.tile.example.org.
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def tile_origin(url_template):
    """The CSP source of a tile URL template: ``https://tile.openstreetmap.org`` for
    ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``; a placeholder in the first label of the
    host becomes a wildcard (``https://*.tile.example.org``). None for relative URLs (covered by
    'self') and for hosts CSP cannot express (a placeholder further right)."""
    parts = urlsplit(url_template or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    first, _, rest = parts.netloc.partition(".")
    if PLACEHOLDER.search(first):
        if not rest or PLACEHOLDER.search(rest):
            return None
        netloc = f"*.{rest}"
    elif PLACEHOLDER.search(parts.netloc):
        return None
    else:
        netloc = parts.netloc
    return f"{parts.scheme}://{netloc}".lower()


def style_hashes(html):
    """The CSP sources (``'sha256-...'``) that allow the <style> elements of ``html``."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    ]


def permissions_policy_header(policy):
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.error_page_styles = [
            *style_hashes(get_template("500.html").template.source),
            *style_hashes(get_template("503.html").template.source),
        ]

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # The same attribute names with "_ro" govern the report-only header.
        suffix = "" if settings.CONTENT_SECURITY_POLICY else "_ro"
        if request.path_info.startswith(ADMIN_PREFIX):
            setattr(response, f"_csp_config{suffix}", settings.ADMIN_CONTENT_SECURITY_POLICY)
        elif response.status_code in (500, 503):
            self.update(response, suffix, "style-src", self.error_page_styles)
        elif response.get("Content-Type", "").startswith("text/html"):
            self.allow_map_tiles(request, response, suffix)
        return response

    @staticmethod
    def update(response, suffix, directive, sources):
        """Add ``sources`` to ``directive`` for this response only."""
        update = dict(getattr(response, f"_csp_update{suffix}", None) or {})
        update[directive] = [*update.get(directive, []), *sources]
        setattr(response, f"_csp_update{suffix}", update)

    def allow_map_tiles(self, request, response, suffix):
        from portal.models import PortalSettings

        try:
            # Loaded (and cached on the request) by the footer of every page already.
            tile_url = PortalSettings.load(request_or_site=request).map_tile_url
        except DatabaseError:
            return  # the 500 page of a broken database: no map on it
        origin = tile_origin(tile_url)
        if origin:
            self.update(response, suffix, "img-src", [origin])
