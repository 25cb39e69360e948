"""Helpers shared by the registry's views and page contexts."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import PortalSettings


def portal_settings(request):
    return PortalSettings.load(request_or_site=request)


def query_string(params, **extra):
    from urllib.parse import urlencode

    return urlencode({**params, **extra})


def map_config(request, params):
    settings = portal_settings(request)
    query = query_string(params)
    return {
        "geojson_url": reverse("registry:map_geojson") + (f"?{query}" if query else ""),
        "popup_url": reverse("registry:popup", args=[0]),
        "tile_url": settings.map_tile_url,
        "attribution": settings.map_tile_attribution,
        "strings": {
            "loading": _("Loading the map…"),
            "error": _("The map data could not be loaded. The list below still works."),
            "tiles_error": _("Map tiles could not be loaded; markers are shown without them."),
            "open": _("Open the initiative page"),
            "count": _("%(count)s initiatives on the map"),
            "none": _("No initiative with coordinates matches these filters."),
        },
    }
