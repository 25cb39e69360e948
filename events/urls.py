"""Index-level event URLs (mounted inside i18n_patterns, before Wagtail's page tree). Paths
with a dot or an extra segment cannot clash with page slugs; ``feed``, ``verify`` and
``calendar`` are reserved slugs (see ``events.models.pages``)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/calendar.ics", views.calendar_feed, name="calendar"),
    path("events/feed/reset/", views.feed_reset, name="feed_reset"),
    path("events/feed/<str:token>.ics", views.private_feed, name="feed"),
    path("events/<path:page_path>/calendar.ics", views.page_calendar, name="page_calendar"),
    path("events/verify/<str:code>/", views.certificate_verify, name="verify"),
]
