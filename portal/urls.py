from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import ConfirmEmailView
from ops.views import readyz

from . import documents, routing, views

urlpatterns = [
    # Before Wagtail's admin URLs: the admin login goes through allauth.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's: guesses at a protected collection's password are rate-limited.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.authenticate_document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    # Wagtail's document view (collection privacy checks), without its "Content-Encoding: None".
    path(
        "documents/<int:document_id>/<str:document_filename>",
        documents.serve,
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("api/", include("portal.api_urls")),
]

urlpatterns += i18n_patterns(
    # Same path and name as allauth's: a wrong or expired key gets a clear page, not a 404.
    path(
        "accounts/confirm-email/<str:key>/",
        ConfirmEmailView.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("registry.urls")),
    path("", include("community.urls")),
    path("", include("knowledge.urls")),
    path("", include("events.urls")),
    path("", include("support.urls")),
    path("", include("discussions.urls")),
    path("", include("projects.urls")),
    path("", include("observatory.urls")),
    path("", include("portal.site_urls")),
    # Before Wagtail's own: its front-end login is Django's plain login view (no rate limit,
    # no two-factor step) and its page-password form takes unlimited guesses.
    path("_util/login/", views.frontend_login, name="wagtailcore_login"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page tree last: it answers every path the apps above did not claim (Wagtail's
    # serve view, its route started from the cached site and home page: portal/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

# Development: media files, except documents (only the document view above serves those).
urlpatterns += documents.public_media_urlpatterns()

handler404 = "portal.views.page_not_found"
# A database outage answers 503 (ops/outage.py); every other error the 500 page.
handler500 = "ops.outage.server_error"
