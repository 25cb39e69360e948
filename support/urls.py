from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("support/", views.index, name="index"),
    path("support/ask/", views.ask, name="ask"),
    path("support/requests/<id:pk>/", views.request_detail, name="request_detail"),
    path("support/requests/<id:pk>/answer/", views.request_answer, name="request_answer"),
    path("support/requests/<id:pk>/start/", views.request_start, name="request_start"),
    path("support/requests/<id:pk>/volunteer/", views.volunteer, name="volunteer"),
    path("support/answers/", views.answers, name="answers"),
    path("support/answers/<id:pk>/", views.answer_detail, name="answer_detail"),
]
