"""The read API at /api/ (outside the language prefix), with OpenAPI schemas:
- /api/ : the registry's open data (registry.api; schema /api/openapi.json, docs /api/docs/);
- /api/v3/ : Wagtail 8's ninja-based page API (schema /api/v3/openapi.json)."""

from django.urls import path

from wagtail.api.v3.urls import api as wagtail_api

from registry.api import api as registry_api

# No app_name: Django Ninja reverses its own namespaces (registry_api, wagtailapi_v3) from the root.
urlpatterns = [
    path("v3/", wagtail_api.urls),
    path("", registry_api.urls),
]
