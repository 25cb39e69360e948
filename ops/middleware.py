import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver

from .logging import request_id_var

logger = logging.getLogger("articula.request")

# An id given by the proxy or load balancer in front (nginx's $request_id, an AWS trace id) is
# kept so that its logs and ours share it; anything else (too long, or characters that could
# forge log lines or inject markup where the id is shown) is replaced by a fresh one.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def request_id_for(request):
    incoming = request.headers.get("X-Request-ID", "")
    if VALID_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE: gives every request an id (``request.request_id``, the
    ``X-Request-ID`` response header, the ``request_id`` of every log record written while it
    is handled) and, with ``REQUEST_LOG`` on, writes one access line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        # Not reset when the response leaves this middleware: Django logs 4xx responses
        # ("Not Found: /x") after the whole chain has returned; request_finished clears it.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        if getattr(settings, "REQUEST_LOG", False):
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            # The path without its query string, which may carry tokens or personal data.
            logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
        return response


@receiver(request_finished, dispatch_uid="ops.middleware.clear_request_id")
def clear_request_id(**kwargs):
    """The response has been sent: what this thread logs next belongs to no request."""
    request_id_var.set("-")
