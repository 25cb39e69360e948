from django.urls import path

from . import views

app_name = "observatory"

urlpatterns = [
    path("observatory/", views.index, name="index"),
    path("observatory/embed/<slug:key>/", views.embed, name="embed"),
    path("observatory/<slug:key>.csv", views.chart_csv, name="csv"),
]
