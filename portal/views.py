from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from accounts.adapter import home_url

from . import view_restrictions


def _redirect_to_allauth_login(request, default_next):
    """To allauth's login (in the active language), keeping ``next`` if it stays on this site."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    query = urlencode({"next": next_url or default_next})
    return redirect(f"{reverse('account_login')}?{query}")


def admin_login(request):
    """The Wagtail admin signs in through allauth, so its rate limits and MFA apply there too;
    Wagtail's own login form is never served."""
    return _redirect_to_allauth_login(request, reverse("wagtailadmin_home"))


def frontend_login(request):
    """Wagtail's front-end login (``/_util/login/``, for pages restricted to logged-in users
    or groups) is Django's plain login view: no rate limit, no two-factor step. It is never
    served; visitors (and anything POSTed here) go to allauth's login instead."""
    return _redirect_to_allauth_login(request, home_url())


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a password-protected page, with guesses rate-limited."""
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return view_restrictions.authenticate_with_password(
        request,
        restriction,
        lambda form: page.serve_password_required_response(request, form, action_url),
    )


def authenticate_document_password(request, restriction_id):
    """Wagtail's form for a password-protected collection of documents, rate-limited."""
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    template = getattr(
        settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
    )
    return view_restrictions.authenticate_with_password(
        request,
        restriction,
        lambda form: TemplateResponse(request, template, {"form": form, "action_url": action_url}),
    )


@require_GET
@cache_control(no_store=True)
def healthz(request):
    """For load balancers and uptime checks (and the benchmarks' floor): answers "ok" without
    touching the database, so it says the app server is up, nothing more."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The site's 500 page; if even that fails (the database is down, a template breaks), a
    bare page rather than a second error."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - last resort
        return HttpResponseServerError(
            "<!DOCTYPE html><title>Server error</title><h1>Server error</h1>"
            "<p>Something went wrong on our side. Please try again later.</p>"
        )
