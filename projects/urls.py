"""Project URLs (inside i18n_patterns, before Wagtail's page tree). ``new``, ``interests``,
``partners`` and ``open-data`` are reserved slugs (``projects.models.RESERVED_SLUGS``)."""

from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projects/new/", views.create, name="create"),
    path("projects/<id:pk>/edit/", views.edit, name="edit"),
    path("projects/<id:pk>/interest/", views.interest, name="interest"),
    path("projects/interests/<id:pk>/answer/", views.decide, name="decide"),
    path("projects/partners/<id:pk>/answer/", views.confirm, name="confirm"),
    path("projects/open-data/projects.json", views.data_json, name="json"),
    path("projects/open-data/projects.csv", views.data_csv, name="csv"),
]
