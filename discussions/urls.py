from django.urls import path

from . import feeds, views

app_name = "discussions"

urlpatterns = [
    path("discussions/", views.index, name="index"),
    path("discussions/general/", views.general, name="general"),
    path("discussions/space/<int:page_id>/", views.space, name="space"),
    path("discussions/new/", views.thread_new, name="thread_new"),
    path("discussions/following/", views.following, name="following"),
    path("discussions/follow/", views.follow, name="follow"),
    path("discussions/<int:pk>/", views.thread, name="thread"),
    path("discussions/<int:pk>/reply/", views.reply, name="reply"),
    path("discussions/<int:pk>/solve/", views.solve, name="solve"),
    path("discussions/report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("discussions/feed/<str:space>/rss/", feeds.SpaceFeed(), name="feed_rss"),
    path("discussions/feed/<str:space>/atom/", feeds.SpaceAtomFeed(), name="feed_atom"),
]
