from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("members/", views.directory, name="directory"),
    # "me/..." routes come before "<username>/" ones.
    path("members/me/edit/", views.profile_edit, name="profile_edit"),
    path("members/me/inbox/", views.inbox, name="inbox"),
    path("members/me/inbox/<id:pk>/", views.contact_detail, name="contact_detail"),
    path("members/me/inbox/<id:pk>/reply/", views.contact_reply, name="contact_reply"),
    path("members/me/inbox/<id:pk>/block/", views.contact_block, name="contact_block"),
    path("members/me/inbox/<id:pk>/report/", views.contact_report, name="contact_report"),
    path("members/me/blocked/<id:user_id>/unblock/", views.unblock, name="unblock"),
    path("members/me/following/", views.following, name="following"),
    path("members/me/follow/", views.follow, name="follow"),
    path("members/me/unfollow/", views.unfollow, name="unfollow"),
    path("members/me/privacy/", views.privacy, name="privacy"),
    path("members/me/data.json", views.data_export, name="data_export"),
    path("members/me/delete/", views.account_delete, name="account_delete"),
    path(
        "members/contact/initiative/<id:page_id>/",
        views.contact_initiative,
        name="contact_initiative",
    ),
    path("members/<str:username>/", views.profile, name="profile"),
    path("members/<str:username>/contact/", views.contact_member, name="contact_member"),
]
