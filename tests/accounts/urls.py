"""The site's URLs plus one write view guarded by ``verified_member_required``."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.permissions import verified_member_required
from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as site_urlpatterns


@require_POST
@verified_member_required
def write_something(request):
    return HttpResponse("written")


urlpatterns = [
    *i18n_patterns(path("test-write/", write_something), prefix_default_language=False),
    *site_urlpatterns,
]
