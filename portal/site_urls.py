"""Portal-wide views that live under the language prefix (search, tags)."""

app_name = "portal"

urlpatterns = []
