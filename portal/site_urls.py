"""Portal-wide views that live under the language prefix (tags; search; the bulk open-data download): portal/site_views.py."""

from django.urls import path

from . import site_views, unsubscribe

app_name = "portal"

urlpatterns = [
    path("search/", site_views.search, name="search"),
    path("tags/", site_views.tag_index, name="tag_index"),
    path("tags/autocomplete/", site_views.tag_autocomplete, name="tag_autocomplete"),
    path("tags/<str:slug>/", site_views.tag_detail, name="tag"),
    path(
        "open-data/articula-open-data.zip",
        site_views.open_data_package,
        name="open_data_package",
    ),
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
