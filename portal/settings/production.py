import tempfile

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production settings refuse to start without a secret key: "
        "generate one (python -c 'import secrets; print(secrets.token_urlsafe(50))') and export it."
    )
if not os.environ.get("DJANGO_ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Give the host names this site answers to, "
        "separated by commas (for example articula.example.org)."
    )

# HTTPS everywhere. Behind a proxy that terminates TLS, it must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz (liveness) and /readyz (readiness) over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Links in emails and in Wagtail's notifications: WAGTAILADMIN_BASE_URL (base.py) must give the
# public address (https://articula.example.org). Not guessed from ALLOWED_HOSTS (the first host
# need not be the public one): `check --deploy` warns while it is unset (portal.W001).

if not REDIS_URL:
    # Without Redis, a cache shared by every gunicorn worker on this machine, so that rate
    # limits (failed logins, contact requests) count across workers. Use Redis past one machine.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_CACHE_DIR", os.path.join(tempfile.gettempdir(), "articula-cache")
            ),
            # Django's default of 300 entries is less than one copy of each page and shared
            # fragment of a small network's site in three languages: the cull (a third of the
            # files at random) would keep emptying it. Each write lists the folder, so not more.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# The anonymous page cache is on unless DJANGO_PAGE_CACHE=false (base.py, portal/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)

# Logs: one JSON object per line for the log collector, DJANGO_LOG_FORMAT=text for plain
# lines; one access line per request unless DJANGO_REQUEST_LOG=false (the proxy logs them).
LOG_FORMAT = (
    "text" if os.environ.get("DJANGO_LOG_FORMAT", "json").strip().lower() == "text" else "json"
)
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
REQUEST_LOG = env_bool("DJANGO_REQUEST_LOG", True)

# Errors to Sentry, or any service that speaks its protocol (GlitchTip, Bugsink), when a DSN is
# given; nothing is sent, and the SDK is not even imported, without one. No personal data
# (users, IP addresses, cookies) goes with the events; performance traces only if a sample
# rate above 0 is given.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
