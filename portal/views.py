from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def admin_login(request):
    """The Wagtail admin signs in through allauth, so its rate limits and MFA apply there too;
    Wagtail's own login form is never served."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    query = urlencode({"next": next_url or reverse("wagtailadmin_home")})
    return redirect(f"{reverse('account_login')}?{query}")


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
