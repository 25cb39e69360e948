"""The read API at /api/ (outside the language prefix), with OpenAPI schemas:
- /api/ : the open data of the registry (registry.api) and of joint projects (projects.api);
  schema /api/openapi.json, docs /api/docs/;
- /api/v3/ : Wagtail 8's ninja-based page API (schema /api/v3/openapi.json).
Both go through ``portal.api.guarded``: input the databases cannot take is a 400, not a 500."""

from django.urls import path

from wagtail.api.v3.urls import api as wagtail_api

from projects.api import router as projects_router
from registry.api import api as registry_api

from .api import guarded

# One open-data API: the projects' endpoints join the registry's (one OpenAPI schema).
registry_api.add_router("", projects_router)

# No app_name: Django Ninja reverses its own namespaces (registry_api, wagtailapi_v3) from the root.
urlpatterns = [
    path("v3/", guarded(wagtail_api.urls)),
    path("", guarded(registry_api.urls)),
]
