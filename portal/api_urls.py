"""The read API at /api/ (outside the language prefix): pages and open data, with an OpenAPI
schema."""

app_name = "api"

urlpatterns = []
