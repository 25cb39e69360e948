"""The read API at /api/ (outside the language prefix), with OpenAPI schemas:
- /api/ : the registry's open data (registry.api; schema /api/openapi.json, docs /api/docs/);
- /api/v3/ : Wagtail 8's ninja-based page API (schema /api/v3/openapi.json).
Both go through ``portal.api.guarded``: input the databases cannot take is a 400, not a 500."""

from django.urls import path

from wagtail.api.v3.urls import api as wagtail_api

from registry.api import api as registry_api

from .api import guarded

# No app_name: Django Ninja reverses its own namespaces (registry_api, wagtailapi_v3) from the root.
urlpatterns = [
    path("v3/", guarded(wagtail_api.urls)),
    path("", guarded(registry_api.urls)),
]
