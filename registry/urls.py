from django.urls import path

from . import views
from .views import stewardship

app_name = "registry"

urlpatterns = [
    path("initiatives/register/", views.register, name="register"),
    path("initiatives/data.geojson", views.data_geojson, name="geojson"),
    path("initiatives/data.csv", views.data_csv, name="csv"),
    path("initiatives/data.json", views.data_json, name="json"),
    path("initiatives/map.geojson", views.map_geojson, name="map_geojson"),
    path("initiatives/<id:pk>/popup.json", views.popup, name="popup"),
    path("initiatives/<id:pk>/edit/", views.edit, name="edit"),
    path("initiatives/<id:pk>/managers/", views.managers, name="managers"),
    path(
        "initiatives/<id:pk>/managers/<id:user_id>/remove/",
        views.remove_manager,
        name="remove_manager",
    ),
    path(
        "initiatives/<id:pk>/invitations/<id:invitation_id>/cancel/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("initiatives/<id:pk>/claim/", views.claim, name="claim"),
    path(
        "initiatives/invitations/<uuid:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
    # stewardship: the freshness loop and verification by partner organisations
    path(
        "initiatives/still-correct/<str:token>/",
        stewardship.still_correct,
        name="still_correct",
    ),
    path("initiatives/verify/", stewardship.verify_list, name="verify"),
    path(
        "initiatives/verify/<id:pk>/",
        stewardship.verify_initiative,
        name="verify_initiative",
    ),
]
