"""Public views of the registry: the registration and editing forms, managers, claims, the map
endpoints and open data. The pages' own context comes from ``registry.page_selectors``."""

from .forms import edit, register
from .open_data import data_csv, data_geojson, data_json, map_geojson, popup
from .rights import accept_invitation, cancel_invitation, claim, managers, remove_manager

__all__ = [
    "accept_invitation",
    "cancel_invitation",
    "claim",
    "data_csv",
    "data_geojson",
    "data_json",
    "edit",
    "managers",
    "map_geojson",
    "popup",
    "register",
    "remove_manager",
]
