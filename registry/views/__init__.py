"""Public views of the registry: the index page's context, the initiative page's context, the
registration and editing forms, managers, claims, the map endpoints and open data."""

from .common import map_config
from .forms import edit, register
from .open_data import data_csv, data_geojson, data_json, map_geojson, popup
from .pages import PAGE_SIZE, initiative_context, json_ld, registry_context
from .rights import accept_invitation, cancel_invitation, claim, managers, remove_manager

__all__ = [
    "PAGE_SIZE",
    "accept_invitation",
    "cancel_invitation",
    "claim",
    "data_csv",
    "data_geojson",
    "data_json",
    "edit",
    "initiative_context",
    "json_ld",
    "managers",
    "map_config",
    "map_geojson",
    "popup",
    "register",
    "registry_context",
    "remove_manager",
]
