"""Portal-wide views that live under the language prefix (tags; search)."""

from django.urls import path

from . import tag_views

app_name = "portal"

urlpatterns = [
    path("search/", tag_views.search, name="search"),
    path("tags/", tag_views.tag_index, name="tag_index"),
    path("tags/autocomplete/", tag_views.tag_autocomplete, name="tag_autocomplete"),
    path("tags/<slug:slug>/", tag_views.tag_detail, name="tag"),
]
