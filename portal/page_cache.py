"""The full-page cache for anonymous visitors, and the HTTP caching headers of every page.

Built on Django's own cache framework (``django.utils.cache`` helpers, the ``default`` cache:
Redis with ``REDIS_URL``, so every app server shares it). wagtail-cache, the maintained
Wagtail-specific package, requires ``wagtail<8.0`` in its latest release (3.0.0) and so does
not fit; Django's ``UpdateCacheMiddleware``/``FetchFromCacheMiddleware`` key on every header
the response varies on, ``Cookie`` included, which would give each visitor carrying any cookie
(a CSRF cookie, an analytics cookie) a cache of their own. So this middleware keeps Django's
pieces (the cache, ``patch_cache_control``, ``add_never_cache_headers``, ``set_response_etag``,
``ConditionalGetMiddleware`` for the 304s) and decides itself, from the request's cookies,
before the session and authentication middleware run, whether a request may be answered from
the cache: a hit costs two cache reads and no database query.

What is cached (``PAGE_CACHE_ENABLED``, env ``DJANGO_PAGE_CACHE``): GET and HEAD requests
without a session or messages cookie, outside the personal and staff areas
(``PAGE_CACHE_EXCLUDED_PATHS``), answered 200 by a response that set no cookie (a page with a
form gets a CSRF cookie; a page that showed a message deletes the messages cookie), did not
change the session, used no CSP nonce, says nothing against it in ``Cache-Control`` and varies
on nothing but ``Cookie``, ``Accept-Language`` and ``Accept-Encoding``. The key is the full URL
(host, path, query string) and the generation (below). The language comes from the path: the
site's URLs carry /es/ or /pt/, and a URL without a prefix is always in ``LANGUAGE_CODE``
(``prefix_default_language=False``: Django's LocaleMiddleware ignores Accept-Language and the
language cookie there), so neither header is part of the key.

Invalidation: a generation (a token in the shared cache) is part of every key. Any write to a
model whose rows show on public pages (``PUBLIC_APPS``: pages, snippets, tags, settings, sites,
locales, images, documents, redirects, members' profiles, event registrations ...) bumps it,
through ``post_save``/``post_delete``/``m2m_changed`` and Wagtail's publish, unpublish, move and
workflow signals (``connect()``); the old entries are never read again and expire. The counter
is bumped at once and again when the transaction commits: a request that read the old data
while the write was in flight stored its copy under the old generation. Writes that bypass
model signals (``QuerySet.update()``, ``bulk_create``) call :func:`invalidate` themselves.

CSP: a page that asked for ``request.csp_nonce`` is never cached (a replayed nonce is no nonce).
The public templates use none (scripts and styles are static files), so every public page is
cacheable; the stored response carries the Content-Security-Policy header it was built with.

Headers, on 200 answers to GET and HEAD: cacheable anonymous pages get ``Cache-Control: public,
max-age=PAGE_CACHE_MAX_AGE`` and an ``ETag`` (so ``ConditionalGetMiddleware`` answers 304 to
``If-None-Match``); every other page (signed-in visitors, personal pages, pages with a form)
gets ``Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private``. ``Vary:
Cookie`` stays on every page that read the session (for proxies and CDNs). Views that set
``Cache-Control`` themselves keep theirs, and are not stored unless they mark the response with
:func:`shared` (a public answer that is the same for every visitor: the registry's marker
popups), when they are stored like pages.
"""

import contextvars
import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    patch_cache_control,
    set_response_etag,
)
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_from_path

GENERATION_KEY = "page-cache:generation"
# Headers a cached page may vary on: Cookie (the cache is bypassed for session and messages
# cookies, see above), Accept-Language (the language is in the path), Accept-Encoding (a
# compressing proxy in front).
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}
# Apps whose rows show on public pages: a write to any of their models empties the page cache.
PUBLIC_APPS = {
    "accounts",
    "portal",
    "registry",
    "community",
    "knowledge",
    "events",
    "support",
    "discussions",
    "projects",
    "taggit",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtail_localize",
}
# Rows of those apps that never show on a public page, and are written often (every sign-in,
# every draft, every admin action's log line).
PRIVATE_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
}
# Fields of accounts.User written on every sign-in, shown nowhere.
PRIVATE_USER_FIELDS = {"last_login", "password"}


# The generation read once per GET or HEAD request (PageCacheMiddleware sets a dict here for
# the request's duration): a page reads it for every fragment, a dozen cache round trips
# otherwise. A write in the same process forgets it (``_bump``); a write elsewhere during the
# request is seen by the next request, as if this one had started a moment earlier.
_request_memo = contextvars.ContextVar("page_cache_request_memo", default=None)


def generation():
    """The current generation: a random token rather than a count, so that a cache that lost
    the key (restarted, or evicted it under memory pressure) starts a generation no stored
    page belongs to, instead of counting again from a number old pages were stored under."""
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        current = cache.get(GENERATION_KEY) or "none"
    if memo is not None:
        memo["generation"] = current
    return current


def _bump():
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("generation", None)


def invalidate():
    """Make every cached page stale, now and once the current transaction commits."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump, robust=True)


def cache_key(request, gen):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return f"page-cache:{gen}:{language}:{digest}"


def _without_language(path):
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def request_is_anonymous(request):
    """No session and no pending message: nothing personal can be on the page."""
    return not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))


def path_is_public(request):
    path = _without_language(request.path_info)
    return not path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def response_is_public(request, response):
    """May this answer to an anonymous GET be stored, and be marked ``public``?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token (its cookie is set too, so belt and braces)
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if getattr(request, "_csp_nonce", None):
        return False
    if response.has_header("Cache-Control") and not getattr(response, "page_cache_shared", False):
        return False  # the view decided (no-store, private, its own max-age)
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= HARMLESS_VARY


def shared(response):
    """Mark ``response``, which its view gave its own public ``Cache-Control`` (a marker popup of
    the registry map: ``public, max-age=300``), as the same for every
    anonymous visitor: the middleware stores it as it stores pages (same key, generation and
    invalidation, ``PAGE_CACHE_TIMEOUT``) and leaves the view's headers as they are. Anything
    else the middleware checks (cookies, session, Vary) still applies. Returns ``response``."""
    cache_control = response.get("Cache-Control", "")
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(cache_control)}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        raise ValueError(f"Only a public response can be shared, not {cache_control!r}.")
    response.page_cache_shared = True
    return response


def timeout_for(response):
    """Seconds to keep this page: ``PAGE_CACHE_TIMEOUTS`` by page type (event pages show seats
    left and a registration deadline), else ``PAGE_CACHE_TIMEOUT``."""
    context = getattr(response, "context_data", None) or {}
    page = context.get("page") if isinstance(context, dict) else None
    if page is not None:
        label = page._meta.label_lower
        if label in settings.PAGE_CACHE_TIMEOUTS:
            return settings.PAGE_CACHE_TIMEOUTS[label]
    return settings.PAGE_CACHE_TIMEOUT


class PageCacheMiddleware:
    """Place after WhiteNoise and ConditionalGetMiddleware, before CSPMiddleware and the
    session middleware (portal/settings/base.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self._respond(request)
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        candidate = (
            request.method in ("GET", "HEAD")
            and request_is_anonymous(request)
            and path_is_public(request)
        )
        enabled = candidate and settings.PAGE_CACHE_ENABLED
        if enabled:
            gen = generation()
            key = cache_key(request, gen)
            cached = cache.get(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not (candidate and response_is_public(request, response)):
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response
        timeout = timeout_for(response)
        if not getattr(response, "page_cache_shared", False):
            patch_cache_control(
                response, public=True, max_age=min(settings.PAGE_CACHE_MAX_AGE, timeout)
            )
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        if enabled and request.method == "GET":
            cache.set(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response


def _on_save(sender, instance=None, update_fields=None, raw=False, **kwargs):
    label = sender._meta.label_lower
    if raw or sender._meta.app_label not in PUBLIC_APPS or label in PRIVATE_MODELS:
        return
    user_label = settings.AUTH_USER_MODEL.lower()
    if label == user_label and update_fields and set(update_fields) <= PRIVATE_USER_FIELDS:
        return
    invalidate()


def _on_delete(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_APPS and sender._meta.label_lower not in PRIVATE_MODELS:
        invalidate()


def _on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def _on_signal(**kwargs):
    invalidate()


def connect():
    """Wire the invalidation (from PortalConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail import signals as wagtail_signals

    post_save.connect(_on_save, dispatch_uid="page_cache_save")
    post_delete.connect(_on_delete, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="page_cache_m2m")
    # The page writes above already bump; these also cover what a signal handler or a
    # QuerySet.update() inside Wagtail's actions does after the save (view restrictions,
    # moderation decisions that publish nothing but change a badge).
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
        wagtail_signals.workflow_approved,
        wagtail_signals.workflow_rejected,
        wagtail_signals.workflow_cancelled,
        wagtail_signals.workflow_submitted,
        wagtail_signals.copy_for_translation_done,
    ):
        signal.connect(_on_signal, dispatch_uid=f"page_cache_{id(signal)}")


# -- Fragments: parts of pages shared by every visitor -------------------------------------------

_MISSING = object()
# Part of every fragment's key: raise it when the shape of a cached value changes, so that app
# servers running the new code never read what the old code stored in a shared cache.
FRAGMENT_FORMAT = 1


def fragment(key, compute, *, timeout=None):
    """``compute()``'s value, kept in the shared cache under the current generation: computed
    once until the next write to public content (or ``timeout`` seconds, default
    ``PAGE_CACHE_TIMEOUT``), whichever comes first, then shared by every app server and every
    visitor, signed in or not. Unlike the full-page cache it is on whatever
    ``PAGE_CACHE_ENABLED`` says (``FRAGMENT_CACHE_ENABLED`` turns it off).

    ``key`` must name everything the value depends on besides the stored content (the page,
    the language, the host, whether the visitor is signed in); the value must pickle (model
    instances and lists of them do; querysets are evaluated first by the caller)."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return compute()
    full_key = f"fragment:{FRAGMENT_FORMAT}:{generation()}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, settings.PAGE_CACHE_TIMEOUT if timeout is None else timeout)
    return value


def cached_page(rows, number, *, key, per_page, count=None, prepare=list, lazy=False):
    """Page ``number`` of a list (a Django ``Page``), its count and its items kept as fragments
    under ``key``, which must name the list (its filters, language...), so that a warm list
    runs neither the count nor the page's query.

    ``rows`` is the list (a queryset, or anything sliceable with a ``count()``) or a function
    returning it, called only when something is not stored (so its queryset is not even built
    on a warm page). ``count``: the count when it is known without a query. ``prepare`` turns
    the page's slice into the stored list (``list``; or set attributes the cards read).
    ``lazy``: the items are read only when the template reads them (when the cards' HTML is a
    stored ``{% shared_fragment %}``, never)."""

    def source():
        return rows() if callable(rows) else rows

    if count is None:
        count = fragment(f"{key}:count", lambda: source().count())
    # A stand-in list of the right length: the number is validated against the count.
    page_obj = Paginator(range(count), per_page).get_page(number)
    bottom = (page_obj.number - 1) * per_page

    def items():
        if not count:
            return []
        return fragment(
            f"{key}:items:{page_obj.number}",
            lambda: prepare(source()[bottom : bottom + per_page]),
        )

    page_obj.object_list = SimpleLazyObject(items) if lazy else items()
    return page_obj
