from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .readiness import readiness


@require_safe
@cache_control(no_store=True)
def readyz(request):
    """For load balancers and orchestrators: 200 when the database, the cache and the task
    queue answer, 503 when one does not (take this server out of rotation). ``/healthz`` is the
    liveness check (the process answers); this one is readiness."""
    ok, checks = readiness()
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
