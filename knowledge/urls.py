from django.urls import path

from . import feeds, views

app_name = "knowledge"

urlpatterns = [
    path("practices/new/", views.practice_new, name="practice_new"),
    path("practices/<id:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/feed/", feeds.PracticeFeed(), name="practice_feed"),
    path("practices/feed/atom/", feeds.PracticeAtomFeed(), name="practice_feed_atom"),
    path("news/feed/", feeds.NewsFeed(), name="news_feed"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news_feed_atom"),
    path("tags/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
]
